import type { Page } from 'playwright-core';

/**
 * What the sweep measures on one settled page, in the page itself (one evaluate, no round trips per element).
 * Each finding is a short sentence; an empty list is a clean page.
 */
export interface PageFacts {
  /** document wider than the viewport */
  overflow: string | null;
  /** visible table columns narrower than 4 characters of their header's font */
  narrowColumns: string[];
  /** window.scrollY after the navigation */
  scrollY: number;
  /** the page heading: its text, or null when there is none; where it sits */
  heading: { text: string; top: number; bottom: number } | null;
  viewportHeight: number;
  /** chrome texts (menu, breadcrumbs, buttons, headers, labels, card titles, tabs, empty states) */
  chrome: string[];
}

/**
 * UI chrome: the texts the application writes, not the data it shows. An element inside
 * [data-sweep-data] is data even when it sits in chrome (an organisation's name in a card title).
 */
export const CHROME_SELECTORS = [
  '[data-testid="side-menu"] .ant-menu-title-content',
  '.ant-menu-submenu-popup .ant-menu-title-content',
  '[data-testid="breadcrumb"]',
  'main button:not([role="radio"]):not([data-testid="user-menu"])',
  '.ant-layout-header button:not([role="radio"]):not([data-testid="user-menu"])',
  'main th.ant-table-cell',
  'main .ant-form-item-label',
  'main .ant-card-head-title',
  'main .ant-tabs-tab',
  'main .ant-empty-description',
  'main .ant-descriptions-item-label',
  'main .ant-statistic-title',
  'main .ant-select-selection-placeholder',
  '[data-testid="page-title"]',
  '[data-testid="tab-bar"] .xf-tab',
  '[data-testid="more-sheet"] a',
];

/** Runs in the page: every fact the sweep judges. */
export function readPageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate((selectors: string[]) => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) !== 0;
    };
    const doc = document.documentElement;
    const overflow =
      doc.scrollWidth > window.innerWidth
        ? `document ${doc.scrollWidth} px wide in a ${window.innerWidth} px viewport (widest: ${widest()})`
        : null;
    function widest(): string {
      let worst: Element | null = null;
      let right = window.innerWidth;
      for (const el of Array.from(document.querySelectorAll('main *, header *'))) {
        const r = el.getBoundingClientRect();
        if (r.right > right + 1 && r.width > 0) {
          // the outermost element sticking out names the culprit
          if (!worst || !worst.contains(el)) {
            worst = el;
            right = r.right;
          }
        }
      }
      if (!worst) return '?';
      const cls = typeof worst.className === 'string' ? worst.className.split(' ').slice(0, 2).join('.') : '';
      return `${worst.tagName.toLowerCase()}${cls ? '.' + cls : ''} "${(worst.textContent ?? '').trim().slice(0, 30)}" right=${Math.round(right)}`;
    }

    const narrowColumns: string[] = [];
    for (const table of Array.from(document.querySelectorAll('main .ant-table'))) {
      if (!visible(table) || !table.querySelector('tbody tr.ant-table-row')) continue; // no data: nothing squeezed
      for (const th of Array.from(table.querySelectorAll('thead th.ant-table-cell'))) {
        if (!visible(th)) continue;
        if (
          th.classList.contains('ant-table-selection-column') ||
          th.classList.contains('ant-table-row-expand-icon-cell')
        )
          continue;
        if (th.classList.contains('ant-table-cell-scrollbar')) continue;
        const text = (th.textContent ?? '').trim();
        if (!text) continue; // an action column without a header (icons)
        const fontPx = parseFloat(getComputedStyle(th).fontSize);
        const width = th.getBoundingClientRect().width;
        if (width < 4 * fontPx) narrowColumns.push(`「${text}」 ${Math.round(width)} px < ${4 * fontPx} px`);
      }
    }

    const main = document.querySelector('main');
    const headingEl =
      document.querySelector('[data-testid="page-title"]') ??
      main?.querySelector('.ant-card-head-title, h1, h2, h3, h4, h5') ??
      null;
    const hr = headingEl?.getBoundingClientRect();
    const heading =
      headingEl && hr && visible(headingEl)
        ? { text: (headingEl.textContent ?? '').trim().slice(0, 40), top: hr.top, bottom: hr.bottom }
        : null;

    const chrome: string[] = [];
    for (const el of Array.from(document.querySelectorAll(selectors.join(',')))) {
      if (!visible(el) || el.closest('[data-sweep-data]')) continue;
      // the element's own text without nested data islands
      const clone = el.cloneNode(true) as Element;
      clone.querySelectorAll('[data-sweep-data]').forEach((d) => d.remove());
      const text = (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) chrome.push(text);
    }
    return {
      overflow,
      narrowColumns,
      scrollY: window.scrollY,
      heading,
      viewportHeight: window.innerHeight,
      chrome: Array.from(new Set(chrome)),
    };
  }, CHROME_SELECTORS);
}
