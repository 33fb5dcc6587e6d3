import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { inject } from 'vitest';

export const DEMO_PASSWORD = 'Xianfeng@2026';

/** Debian's Chromium with this machine's flags (e2e/chromium.ts), a fresh profile per launch. */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await launchChromium();
  return {
    browser,
    close: () => browser.close(),
  };
}

export function baseUrl(path = ''): string {
  return `${inject('baseUrl')}${path}`;
}

/** The journey server's clock (it runs on a fixed test clock, XIANFENG_CLOCK_START), read from an API answer. */
export async function serverNow(): Promise<Date> {
  const res = await fetch(baseUrl('/api/auth/setup'));
  const at = res.headers.get('x-server-time');
  if (!at) throw new Error('the server did not send x-server-time');
  return new Date(at);
}

/** Today in China (YYYY-MM-DD) by the journey server's clock. */
export async function serverToday(): Promise<string> {
  return new Date((await serverNow()).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A browser context whose clock starts where the server's reads and runs on from there, so the
 * page's own notion of today (date pickers) agrees with the server's fixed clock, whatever the machine's date.
 */
export async function newPage(
  browser: Browser,
  opts: { mobile?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1366, height: 860 },
    ...(opts.mobile ? { isMobile: true, hasTouch: true } : {}),
  });
  await context.clock.install({ time: await serverNow() });
  const page = await context.newPage();
  return { context, page };
}

/** Logs in through the login form, as a person would. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(baseUrl('/login'));
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // the side menu, or on a phone the bottom tab bar (decision 029)
  await page.getByTestId('side-menu').or(page.getByTestId('tab-bar')).waitFor();
}

/** The labels of the side menu, top level and nested, in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.getByTestId('side-menu').locator('.ant-menu-title-content');
  return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}
