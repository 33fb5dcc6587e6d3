import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';

/**
 * The five key tasks of people on site (issue 11), done on a 390×844 phone from the home page, counting
 * what a person does: every tap (a menu entry, a link, a button, an option of a list) is a click, every
 * text, number or date typed is a typed field, and the y of the task's main action is where its top
 * edge lies in the page (844 px is one screen) when the page that carries it has just opened.
 * Navigation goes only through what the screen offers (home items, the menu or tab bar, list rows).
 */
export interface TaskCount {
  task: string;
  who: string;
  clicks: number;
  typed: number;
  /** y (px from the top of the page) of the main action when its page opened. */
  mainActionY: number;
  /** y of its bottom edge: within the first screen when ≤ 844 − 56 (the tab bar). */
  mainActionBottom: number;
}

class Counter {
  clicks = 0;
  typed = 0;
  mainActionY = -1;
  mainActionBottom = -1;
  constructor(readonly page: Page) {}
  async tap(target: Locator, touch = false): Promise<void> {
    await (touch ? target.tap() : target.click());
    this.clicks += 1;
  }
  async type(target: Locator, text: string): Promise<void> {
    await target.fill(text);
    this.typed += 1;
  }
  /** Notes where the main action sits on its page before the person scrolls to it. */
  async mainAction(target: Locator): Promise<void> {
    await target.waitFor();
    const [top, bottom] = await target.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return [r.top + document.documentElement.scrollTop, r.bottom + document.documentElement.scrollTop];
    });
    this.mainActionY = Math.round(top!);
    this.mainActionBottom = Math.round(bottom!);
  }
  result(task: string, who: string): TaskCount {
    return {
      task,
      who,
      clicks: this.clicks,
      typed: this.typed,
      mainActionY: this.mainActionY,
      mainActionBottom: this.mainActionBottom,
    };
  }
}

/**
 * Opens a page of the menu the way the screen offers it: a tab of the bottom tab bar, an entry of the
 * 更多 sheet behind it, or (the side menu) the group's icon and then the entry.
 */
async function openMenu(c: Counter, group: string, entry: string, path: string): Promise<void> {
  const page = c.page;
  const tabBar = page.getByTestId('tab-bar');
  if (await tabBar.isVisible()) {
    const tab = tabBar.locator(`a[href="${path}"]`);
    if (await tab.count()) return c.tap(tab);
    await c.tap(tabBar.getByTestId('tab-more'));
    return c.tap(page.getByTestId('more-sheet').getByRole('link', { name: entry, exact: true }));
  }
  const menu = page.getByTestId('side-menu');
  const link = page.getByRole('menuitem').getByRole('link', { name: entry, exact: true }).locator('visible=true');
  // a finger, not a mouse: the collapsed menu's pop-up must not close as the pointer crosses the page
  if (!(await link.isVisible())) await c.tap(menu.getByRole('menuitem').filter({ hasText: group }).first(), true);
  await c.tap(link, true);
}

async function select(c: Counter, selectTestId: string, option: string): Promise<void> {
  await c.tap(c.page.getByTestId(selectTestId));
  await c.tap(c.page.locator('.ant-select-item-option').filter({ hasText: option }).first());
}

/** Today's home page ("what needs me now") after the login form. */
async function home(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('Xianfeng@2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-todo').waitFor();
}

const status = (page: Page) => page.getByTestId('problem-status').first().innerText();

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not reached: ${what}`);
}

export interface PhoneTaskInput {
  baseUrl: string;
  /** a new problem's text (unique) */
  problemText: string;
  /** a project of 张伟's whose 主体封顶 (node 40) he forecasts, and whose last-month report he confirms */
  project: { id: number; name: string; expected: string };
  /** the month of the report he confirms (YYYY-MM) */
  month: string;
  newPhone: () => Promise<{ page: Page; close: () => Promise<void> }>;
}

/** Runs the five tasks one after the other (each needs the one before) and returns their counts. */
export async function countPhoneTasks(input: PhoneTaskInput): Promise<TaskCount[]> {
  const out: TaskCount[] = [];
  const { baseUrl } = input;

  // 1. 企业联系人 raises a problem with a photo
  {
    const { page, close } = await input.newPhone();
    await home(page, baseUrl, 'qiye');
    const c = new Counter(page);
    // the home page's own 我要吹哨 when it offers one, else the menu
    const quick = page.getByTestId('home-raise');
    if (await quick.isVisible()) await c.tap(quick);
    else await openMenu(c, '问题台账', '我要吹哨', '/problems/new');
    await page.getByTestId('raise-page').waitFor();
    await c.mainAction(page.getByTestId('raise-submit'));
    await select(c, 'raise-category', '用地审批');
    await c.type(page.getByTestId('raise-description'), input.problemText);
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#b5651d' } })
      .jpeg()
      .toBuffer();
    // the camera / gallery button: one tap (taking the picture is the phone's own)
    await page.getByTestId('raise-photo').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: photo });
    c.clicks += 1;
    await page.locator('.ant-image img').first().waitFor();
    await c.tap(page.getByTestId('raise-submit'));
    await page.waitForURL(/\/problems\/\d+$/);
    await until(async () => (await status(page)) === '待受理', 'raised');
    out.push(c.result('吹哨（带照片）', 'qiye 企业联系人'));
    await close();
  }

  // 2. 项目专员 accepts it and dispatches it (交办) to 自然资源局
  {
    const { page, close } = await input.newPhone();
    await home(page, baseUrl, 'zhuanyuan');
    const c = new Counter(page);
    await c.tap(page.locator('[data-testid^="home-item-"]').filter({ hasText: '待受理' }).getByTestId('home-go'));
    await c.tap(page.getByRole('link', { name: input.problemText.slice(0, 20) }).first());
    await c.mainAction(page.getByTestId('action-accept'));
    await c.tap(page.getByTestId('action-accept'));
    await until(async () => (await status(page)) === '待派单', 'accepted');
    await select(c, 'dispatch-lead', '自然资源局');
    await c.tap(page.getByTestId('dispatch-submit'));
    await until(async () => (await status(page)) === '待签收', 'dispatched');
    out.push(c.result('受理并交办', 'zhuanyuan 项目专员'));
    await close();
  }

  // 3. 部门经办人 signs for it and answers
  {
    const { page, close } = await input.newPhone();
    await home(page, baseUrl, 'bumen');
    const c = new Counter(page);
    await c.tap(page.locator('[data-testid^="home-item-"]').filter({ hasText: '待签收' }).getByTestId('home-go'));
    await c.tap(page.getByRole('link', { name: input.problemText.slice(0, 20) }).first());
    await c.mainAction(page.getByTestId('action-sign'));
    await c.tap(page.getByTestId('action-sign'));
    await until(async () => (await status(page)) === '办理中', 'signed');
    await c.type(page.getByTestId('answer-text'), '已纳入本月供地计划，12 月 10 日前下达指标');
    await c.tap(page.getByTestId('answer-submit'));
    await until(async () => (await status(page)) === '已办结', 'answered');
    out.push(c.result('签收并答复', 'bumen 部门经办人'));
    await close();
  }

  // 4. 项目专员 reports a node's progress: 主体封顶 expected later, with the reason
  {
    const { page, close } = await input.newPhone();
    await home(page, baseUrl, 'zhuanyuan');
    const c = new Counter(page);
    await openMenu(c, '项目建设', '重点项目', '/projects');
    // the list holds every journey's projects: he finds his by name (or its pinyin initials)
    const search = page.getByPlaceholder('名称、编号或拼音首字母');
    await c.type(search, input.project.name);
    await search.press('Enter');
    await c.tap(page.getByRole('link', { name: input.project.name, exact: true }).first());
    await c.mainAction(page.getByTestId('node-edit-40'));
    await c.tap(page.getByTestId('node-edit-40'));
    await c.tap(page.getByTestId('node-expected'));
    await page.keyboard.type(input.project.expected);
    await page.keyboard.press('Enter');
    c.typed += 1;
    await c.type(page.getByTestId('node-reason'), '钢结构构件到货推迟');
    await c.tap(page.getByTestId('node-save'));
    await until(
      async () => (await page.getByTestId('warning-badge').first().getAttribute('data-colour')) === 'yellow',
      'node reported',
    );
    out.push(c.result('更新节点进度', 'zhuanyuan 项目专员'));
    await close();
  }

  // 5. 项目专员 confirms last month's prefilled dispatch report (月调度)
  {
    const { page, close } = await input.newPhone();
    await home(page, baseUrl, 'zhuanyuan');
    const c = new Counter(page);
    await c.tap(page.locator('[data-testid^="home-item-"]').filter({ hasText: '月调度' }).getByTestId('home-go'));
    await c.tap(page.getByRole('link', { name: input.project.name, exact: true }).first());
    await c.mainAction(page.getByTestId('dispatch-confirm'));
    await c.tap(page.getByTestId('dispatch-confirm'));
    await until(async () => (await page.getByTestId('dispatch-state-tag').innerText()) === '已确认', 'confirmed');
    out.push(c.result('确认月调度', 'zhuanyuan 项目专员'));
    await close();
  }
  return out;
}

/** The counts as a table for the log and docs/decisions/029. */
export function formatCounts(rows: TaskCount[]): string {
  return [
    '| task | who | clicks | typed fields | y of main action (px) |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.task} | ${r.who} | ${r.clicks} | ${r.typed} | ${r.mainActionY} |`),
  ].join('\n');
}
