import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, loginAs, menuLabels, newPage } from './browser.js';
import { ApiClient } from './api.js';

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => close?.());

describe('administration journeys', () => {
  it('admin creates an account, secadmin grants a role, the user must set a password, then sees the role’s menu', async () => {
    const username = `e2e_new_${Date.now() % 100000}`;
    const temp = 'Temp@pass2026';
    // 系统管理员 creates the account in the drawer.
    {
      const { context, page } = await newPage(browser);
      await loginAs(page, 'admin');
      await page.goto(baseUrl('/admin/users'));
      await page.getByTestId('user-new').click();
      await page.getByTestId('user-username').fill(username);
      await page.getByTestId('user-name').fill('新建测试');
      await page.getByTestId('user-unit').click();
      await page.keyboard.type('狼山街道');
      await page.locator('.ant-select-item-option').filter({ hasText: '狼山街道' }).first().click();
      await page.getByTestId('user-password').fill(temp);
      await page.getByTestId('user-save').click();
      await page.getByTestId('user-search').locator('input').fill(username);
      await page.getByTestId('user-search').locator('input').press('Enter');
      await expect.poll(() => page.locator('.ant-table-row').filter({ hasText: username }).count()).toBe(1);
      await context.close();
    }
    // 安全管理员 grants 包联领导.
    {
      const { context, page } = await newPage(browser);
      await loginAs(page, 'secadmin');
      await page.goto(baseUrl(`/security/grants?q=${username}`));
      await page.getByTestId(`grant-${username}`).click();
      await page.getByRole('dialog').getByText('包联领导').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /保\s*存/ })
        .click();
      await expect
        .poll(() => page.locator('.ant-table-row').filter({ hasText: username }).innerText())
        .toContain('包联领导');
      await context.close();
    }
    // The user logs in with the temporary password and is taken to change it first.
    {
      const { context, page } = await newPage(browser);
      await page.goto(baseUrl('/login'));
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(temp);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/change-password$/);
      await page.getByLabel('当前密码').fill(temp);
      await page.getByLabel('新密码', { exact: true }).fill('Mine@pass2026');
      await page.getByLabel('确认新密码').fill('Mine@pass2026');
      await page.getByTestId('password-submit').click();
      await page.waitForURL((u) => u.pathname === '/');
      expect(await menuLabels(page)).toContain('组织架构');
      await context.close();
    }
    const api = await ApiClient.login(username, 'Mine@pass2026');
    expect(
      (await api.json<{ user: { roles: Array<{ code: string }> } }>('GET', '/api/auth/me')).user.roles.map(
        (r) => r.code,
      ),
    ).toEqual(['leader']);
  });

  it('the system administrator marks a holiday in the calendar editor and saves the year', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'admin');
    await page.goto(baseUrl('/admin/calendar'));
    await page.getByTestId('cal-other-year').fill('2023');
    await page.getByTestId('cal-other-year').press('Enter');
    await page.getByTestId('day-2023-10-02').click();
    await page.getByRole('dialog').getByText('法定节假日（休）').click();
    await page.getByRole('dialog').getByRole('textbox').fill('国庆节');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByTestId('cal-save').click();
    const api = await ApiClient.login('admin');
    await expect
      .poll(async () =>
        (await api.json<{ data: Array<{ year: number }> }>('GET', '/api/calendar/years')).data.map((y) => y.year),
      )
      .toContain(2023);
    expect(await api.json('GET', '/api/calendar/working-days?from=2023-10-02&to=2023-10-02')).toEqual({
      count: 0,
      provisionalYear: null,
    });
    await context.close();
  });
});
