import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, loginAs, newPage } from './browser.js';
import { ApiClient } from './api.js';

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => close?.());

describe('coverage journey', () => {
  it('the organisation department accepts a joint-branch proposal, finds the branch in the tree, and the coverage rate goes up', async () => {
    const { page, context } = await newPage(browser);
    await loginAs(page, 'zzb');
    await page.goto(baseUrl('/coverage'));
    const rate = page.getByTestId('org-rate').first();
    await rate.waitFor();
    const before = Number(await rate.getAttribute('data-value'));

    // 重新计算 draws the proposals now (the GET only lists what is stored); accept the first open one under a name of our own
    await page.getByTestId('recompute-proposals').click();
    await page.getByText(/^已重新计算：待决定 \d+ 条/).waitFor();
    await page
      .getByTestId('proposals-computed-at')
      .getByText(/^上次计算：/)
      .waitFor();
    const accept = page.locator('[data-testid^="accept-"]').first();
    await accept.waitFor();
    await page.locator('canvas').first().waitFor();
    await accept.click();
    const name = `东临旅程联合党支部${Date.now() % 100000}`;
    await page.getByTestId('accept-name').fill(name);
    await page.getByTestId('accept-confirm').click();
    await expect
      .poll(async () => Number(await rate.getAttribute('data-value')), { timeout: 15_000 })
      .toBeGreaterThan(before);
    await page.getByText('已采纳').first().waitFor();

    // the new joint branch is in the organisation tree, with its covered units
    await page.goto(baseUrl('/orgs'));
    await page.getByTestId('org-search').locator('input').fill(name);
    await page.getByText(name, { exact: true }).click();
    await page.getByText('联合党支部', { exact: true }).first().waitFor();
    await page.getByText(/^覆盖单位（[2-5]）$/).waitFor();
    expect(await page.getByTestId('formal-members').innerText()).toMatch(
      /^正式党员 0 名，关系在此共 0 名，参与管理 [3-9]\d* 名$/,
    );
    await context.close();
  });

  it('closing the food park’s temporary branch shows the proposed destinations and is refused naming the members with nowhere to go', async () => {
    const zzb = await ApiClient.login('zzb');
    const food = (
      await zzb.json<{ data: Array<{ id: number }> }>(
        'GET',
        `/api/orgs/options?q=${encodeURIComponent('先锋食品产业园项目临时党支部')}`,
      )
    ).data[0]!;
    const { page, context } = await newPage(browser);
    await loginAs(page, 'zzb');
    await page.goto(baseUrl(`/orgs?focus=${food.id}`));
    await page.getByTestId('warning-temp_branch_limits').waitFor();
    await page.getByTestId('close-open').click();
    await page.getByText('韩立军').waitFor();
    await page.getByTestId('close-confirm').click();
    const refused = page.getByTestId('close-refused');
    await refused.waitFor();
    const text = await refused.innerText();
    expect(text).toMatch(/^以下 2 名党员的组织关系没有去向，不能撤销：/);
    expect(text).toContain('龚晓峰');
    expect(text).toContain('覃雨桐');
    await context.close();
  });
});
