import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, loginAs, menuLabels, newPage } from './browser.js';
import { provisionUser } from './api.js';

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => close?.());

describe('foundation journeys', () => {
  it('the login page loads no page code of the logged-in app (code splitting)', async () => {
    const { context, page } = await newPage(browser);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(baseUrl('/login'));
    await page.getByTestId('login-form').waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts.length).toBeGreaterThan(0);
    for (const lazy of ['Shell', 'UsersPage', 'AuditPage', 'CalendarPage', 'GrantsPage', 'OrgTreePage', 'HomePage'])
      expect(scripts.some((s) => s.includes(lazy))).toBe(false);
    await context.close();
  });

  it('the organisation department logs in and sees its menu, not the administrators’', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'zzb');
    const menu = await menuLabels(page);
    expect(menu).toEqual(expect.arrayContaining(['工作台', '消息', '组织架构']));
    expect(menu).not.toContain('用户管理');
    expect(menu).not.toContain('审计日志');
    expect(menu).not.toContain('角色授权');
    await expect.poll(() => page.getByTestId('role-org_dept').isVisible()).toBe(true);
    await page.goto(baseUrl('/audit'));
    await page.getByTestId('page-403').waitFor();
    await context.close();
  });

  it('each of the three administrators sees only their own tools', async () => {
    const expectations: Array<[string, string[], string[]]> = [
      ['admin', ['用户管理', '工作日历'], ['审计日志', '角色授权', '组织架构']],
      ['secadmin', ['角色授权'], ['用户管理', '审计日志', '组织架构']],
      ['auditor', ['审计日志'], ['用户管理', '角色授权', '组织架构', '工作日历']],
    ];
    for (const [user, present, absent] of expectations) {
      const { context, page } = await newPage(browser);
      await loginAs(page, user);
      const menu = await menuLabels(page);
      expect(menu, user).toEqual(expect.arrayContaining(present));
      for (const a of absent) expect(menu, user).not.toContain(a);
      await context.close();
    }
  });

  it('the audit administrator verifies the hash chain', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'auditor');
    await page.goto(baseUrl('/audit'));
    await page.getByTestId('audit-verify').click();
    await expect
      .poll(() => page.getByTestId('audit-verify-result').innerText())
      .toMatch(/哈希链完整：已校验 \d+ 条记录/);
    await context.close();
  });

  it('a wrong password says so, and the fifth failure locks the account for 15 minutes', async () => {
    const { username } = await provisionUser({ username: 'e2e_lock', displayName: '锁定测试', roles: ['leader'] });
    const { context, page } = await newPage(browser);
    await page.goto(baseUrl('/login'));
    const attempt = async () => {
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill('Wrong@pass1');
      await page.getByTestId('login-submit').click();
    };
    await attempt();
    await expect
      .poll(() => page.getByTestId('login-error').innerText())
      .toBe('用户名或密码错误。再错 4 次，账号将被锁定 15 分钟（连续 5 次错误即锁定）');
    for (let i = 2; i <= 4; i++) {
      await attempt();
      await expect.poll(() => page.getByTestId('login-error').innerText()).toContain(`再错 ${5 - i} 次`);
    }
    await attempt();
    await expect
      .poll(() => page.getByTestId('login-error').innerText())
      .toMatch(/^连续 5 次密码错误，账号已被锁定 15 分钟/);
    await context.close();
  });

  it('logs out and cannot come back without logging in', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'lingdao');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    await page.goto(baseUrl('/'));
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('switches the interface to English', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(baseUrl('/login'));
    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toBe('Log in');
    await page.getByTestId('login-username').fill('nobody');
    await page.getByTestId('login-password').fill('Wrong@pass1');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/^Wrong username or password/);
    await context.close();
  });
});
