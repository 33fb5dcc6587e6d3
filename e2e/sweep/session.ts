import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Viewport {
  name: 'desktop' | 'phone';
  width: number;
  height: number;
  mobile: boolean;
}

export const DESKTOP: Viewport = { name: 'desktop', width: 1440, height: 900, mobile: false };
export const PHONE: Viewport = { name: 'phone', width: 390, height: 844, mobile: true };

/** One logged-in browser context of the sweep, with what went wrong on the wire and in the console. */
export interface Session {
  context: BrowserContext;
  page: Page;
  /** console errors, page errors and failed requests since the last take() */
  takeProblems(): string[];
  /** requests in flight (the sweep waits for none) */
  inflight(): number;
}

/**
 * A context at the given viewport whose clock starts at the server's fixed clock (as e2e/browser.ts newPage),
 * in the given language (i18n keeps it in localStorage 'xf_lang'), recording every problem the sweep fails on.
 */
export async function openSession(
  browser: Browser,
  opts: { viewport: Viewport; lang: 'zh' | 'en'; now: Date; origin: string },
): Promise<Session> {
  const { viewport } = opts;
  const context = await browser.newContext({
    locale: opts.lang === 'zh' ? 'zh-CN' : 'en-GB',
    viewport: { width: viewport.width, height: viewport.height },
    ...(viewport.mobile ? { isMobile: true, hasTouch: true } : {}),
  });
  await context.clock.install({ time: opts.now });
  await context.addInitScript((lang) => localStorage.setItem('xf_lang', lang), opts.lang);
  const page = await context.newPage();
  let problems: string[] = [];
  let inflight = 0;
  const sameOrigin = (url: string) => url.startsWith(opts.origin);
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs every 4xx/5xx answer as a console error; those are judged by the response rule below
    if (/Failed to load resource: the server responded with a status of/.test(m.text())) return;
    problems.push(`console error: ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message.slice(0, 300)}`));
  page.on('request', () => inflight++);
  page.on('requestfinished', () => inflight--);
  page.on('requestfailed', (r) => {
    inflight--;
    // a request the browser itself cancels (the user navigated on) is not a failure of the page
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() < 400 || !sameOrigin(r.url())) return;
    // 401 is the expected answer to "who am I?" before login
    if (r.status() === 401) return;
    problems.push(`HTTP ${r.status()}: ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return {
    context,
    page,
    takeProblems() {
      const out = problems;
      problems = [];
      return out;
    },
    inflight: () => inflight,
  };
}

/**
 * Waits until the page has settled: no request in flight and no spinner or active skeleton in the content,
 * seen twice in a row (a query that starts right after a render is caught), and fonts/images laid out.
 * Costs nothing on a page that is already quiet beyond two animation frames.
 */
export async function settle(session: Session, timeoutMs = 30_000): Promise<void> {
  const { page } = session;
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() > deadline) throw new Error(`page did not settle in ${timeoutMs} ms: ${page.url()}`);
    const busy =
      session.inflight() > 0 ||
      (await page.evaluate(
        () =>
          new Promise<boolean>((resolve) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve(Boolean(document.querySelector('main .ant-spin-spinning, main .ant-skeleton-active'))),
              ),
            ),
          ),
      ));
    quiet = busy ? 0 : quiet + 1;
    if (busy) await page.waitForTimeout(50);
  }
}

/** Logs in through the form (as a person would) and waits for the shell. */
export async function login(session: Session, origin: string, username: string, password: string): Promise<void> {
  const { page } = session;
  await page.goto(`${origin}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-menu').or(page.getByTestId('tab-bar')).waitFor();
  await settle(session);
}
