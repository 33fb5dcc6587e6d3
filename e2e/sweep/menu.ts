import type { Page } from 'playwright-core';

/** A page the side menu offers: its path and, for a nested entry, the index of its group among the groups. */
export interface MenuPage {
  path: string;
  /** the entry's label, which the tab title starts with once the page is shown */
  label: string;
  group: number | null;
}

const SUBMENUS = '[data-testid="side-menu"] li.ant-menu-submenu';

/**
 * Every page in the side menu, top level and nested, in menu order. Read from the full (desktop) menu, where
 * groups start open; a closed group is opened to read it.
 */
export async function readMenu(page: Page): Promise<MenuPage[]> {
  const groups = page.locator(SUBMENUS);
  for (let i = 0; i < (await groups.count()); i++) {
    const g = groups.nth(i);
    if (!(await g.getAttribute('class'))?.includes('ant-menu-submenu-open'))
      await g.locator('.ant-menu-submenu-title').click();
  }
  return page.evaluate((sel) => {
    const groups = Array.from(document.querySelectorAll(sel));
    const links = Array.from(document.querySelectorAll('[data-testid="side-menu"] a[href]'));
    return links.map((a) => {
      const g = a.closest('li.ant-menu-submenu');
      return {
        path: new URL((a as HTMLAnchorElement).href).pathname,
        label: (a.textContent ?? '').trim(),
        group: g ? groups.indexOf(g) : null,
      };
    });
  }, SUBMENUS);
}

/**
 * Goes to a menu page as a person does: by clicking its menu entry. On the collapsed phone menu a nested
 * entry sits in its group's pop-up: the group is tapped open, then the entry is clicked in the DOM, because
 * the pop-up (opened on hover, animated, taller than a phone for a long group) moves under the pointer.
 */
export async function clickMenu(page: Page, entry: MenuPage): Promise<void> {
  const inline = page.locator(`[data-testid="side-menu"] a[href="${entry.path}"]`).locator('visible=true');
  if ((await inline.count()) > 0) await inline.first().click();
  else if (entry.group === null) throw new Error(`menu entry ${entry.path} is not in the menu`);
  else {
    const popupLink = page.locator(`.ant-menu-submenu-popup a[href="${entry.path}"]`);
    if ((await popupLink.count()) === 0)
      await page.locator(SUBMENUS).nth(entry.group).locator('.ant-menu-submenu-title').click();
    await popupLink.first().waitFor({ state: 'attached', timeout: 10_000 });
    await popupLink.first().evaluate((a) => (a as HTMLAnchorElement).click());
  }
  // the shell names the tab after the page once the page (a lazy chunk) has rendered: the old page stays
  // on screen during the navigation, so the URL alone does not say the new page is there
  await page.waitForFunction((label) => document.title.startsWith(`${label} - `), entry.label, { timeout: 30_000 });
}
