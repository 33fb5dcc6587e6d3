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
 * Goes to a menu page as a person does: by clicking its menu entry. On the phone (decision 029) the entry is
 * a tab of the bottom bar or a link in the 更多 sheet, which the 更多 tab opens.
 */
export async function clickMenu(page: Page, entry: MenuPage): Promise<void> {
  const tabBar = page.getByTestId('tab-bar');
  if (await tabBar.isVisible()) {
    const tab = tabBar.locator(`a[href="${entry.path}"]`);
    if ((await tab.count()) > 0) await tab.first().click();
    else {
      const sheet = page.getByTestId('more-sheet');
      if (!(await sheet.isVisible())) await page.getByTestId('tab-more').click();
      const link = sheet.locator(`a[href="${entry.path}"]`);
      if ((await link.count()) === 0) throw new Error(`menu entry ${entry.path} is neither a tab nor in 更多`);
      await link.first().click();
    }
  } else {
    const inline = page.locator(`[data-testid="side-menu"] a[href="${entry.path}"]`).locator('visible=true');
    if ((await inline.count()) === 0) throw new Error(`menu entry ${entry.path} is not in the menu`);
    await inline.first().click();
  }
  // the shell names the tab after the page once the page (a lazy chunk) has rendered: the old page stays
  // on screen during the navigation, so the URL alone does not say the new page is there
  await page.waitForFunction((label) => document.title.startsWith(`${label} - `), entry.label, { timeout: 30_000 });
}
