import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { baseUrl, launchBrowser, loginAs, newPage } from './browser.js';

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => close?.());

async function pick(page: Page, selectTestId: string, option: string) {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

const status = (page: Page) => page.getByTestId('problem-status').first().innerText();

describe('问题台账：企业吹哨 → 党委响应 → 部门报到 → 企业评价', () => {
  it('企业在手机上吹哨，组织部受理派单，自然资源局签收答复，组织部反馈，企业评价满意', async () => {
    const text = `项目二期用地指标迟迟未下达，影响开工（E2E ${Date.now()}）`;
    // 1. 企业联系人（手机 390×844）：我要吹哨，带一张现场照片
    const firm = await newPage(browser, { mobile: true });
    await loginAs(firm.page, 'qiye');
    await firm.page.goto(baseUrl('/problems/new'));
    await firm.page.getByTestId('raise-page').waitFor();
    await pick(firm.page, 'raise-category', '用地审批');
    await firm.page.getByTestId('raise-description').fill(text);
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#b5651d' } })
      .jpeg()
      .toBuffer();
    await firm.page
      .getByTestId('raise-photo')
      .setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: photo });
    await firm.page.locator('.ant-image img').first().waitFor();
    const width = await firm.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await firm.page.getByTestId('raise-submit').click();
    await firm.page.waitForURL(/\/problems\/\d+$/);
    const url = firm.page.url();
    expect(await status(firm.page)).toBe('待受理');
    expect(await firm.page.getByTestId('problem-title').innerText()).toContain('项目二期用地指标');

    // 2. 组织部：看板上看到新问题，受理（首办负责制）并派给自然资源局
    const zzb = await newPage(browser);
    await loginAs(zzb.page, 'zzb');
    await zzb.page.goto(baseUrl('/problems/board'));
    await zzb.page.getByTestId('triage-board').getByText(text.slice(0, 30)).first().waitFor();
    await zzb.page.goto(url);
    await zzb.page.getByTestId('action-accept').click();
    await expect.poll(() => status(zzb.page)).toBe('待派单');
    // 用地审批 → 自然资源局 from 组织部's routing table: preselected, and said so
    await zzb.page.getByTestId('dispatch-suggested').waitFor();
    expect(await zzb.page.getByTestId('dispatch-lead').innerText()).toContain('自然资源局');
    await pick(zzb.page, 'dispatch-lead', '自然资源局');
    await zzb.page.getByTestId('dispatch-submit').click();
    await expect.poll(() => status(zzb.page)).toBe('待签收');
    const deadlines = await zzb.page.getByTestId('problem-deadlines').innerText();
    expect(deadlines).toContain('自然资源局（主办）签收时限');
    expect(deadlines).toContain('派单起 10 个工作日');

    // 3. 自然资源局：待签收队列里有它，签收、答复
    const dept = await newPage(browser);
    await loginAs(dept.page, 'bumen');
    await dept.page.goto(baseUrl('/problems/queue?queue=to_sign'));
    await dept.page
      .getByRole('link', { name: text.slice(0, 30) })
      .first()
      .click();
    await dept.page.getByTestId('action-sign').click();
    await expect.poll(() => status(dept.page)).toBe('办理中');
    await dept.page.getByTestId('answer-text').fill('已将二期用地纳入本月供地计划，12 月 10 日前下达指标');
    await dept.page.getByTestId('answer-submit').click();
    await expect.poll(() => status(dept.page)).toBe('已办结');

    // 4. 组织部：把答复反馈给企业
    await zzb.page.reload();
    await zzb.page.getByTestId('feedback-submit').click();
    await expect.poll(() => status(zzb.page)).toBe('已反馈');

    // 5. 企业：在「我的问题」里看到答复，评价满意
    await firm.page.goto(baseUrl('/problems/mine?status=fed_back'));
    await firm.page
      .getByTestId('my-problem')
      .filter({ hasText: text.slice(0, 30) })
      .first()
      .click();
    expect(await firm.page.getByTestId('problem-answer').innerText()).toContain('12 月 10 日前下达指标');
    await firm.page.getByTestId('rate-satisfied').click();
    await expect.poll(() => status(firm.page)).toBe('已评价');
    const timeline = await firm.page.getByTestId('problem-timeline').innerText();
    for (const step of ['提出问题', '受理', '派单', '签收', '答复', '反馈', '评价：满意'])
      expect(timeline).toContain(step);
    for (const p of [firm, zzb, dept]) await p.context.close();
  });

  it('the statistics page shows the rates with their formula (ECharts)', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'zzb');
    await page.goto(baseUrl('/problems/stats'));
    await page.getByTestId('stats-ontime-detail').waitFor();
    expect(await page.getByTestId('stats-ontime-detail').innerText()).toMatch(/÷（\d+ 办结 \+ \d+ 逾期未办）/);
    await page.locator('canvas').first().waitFor();
    await page.getByTestId('stats-formula').click();
    await page.getByText('按期办结率 = 按期办结数 ÷（全部办结数 + 未办结但已逾期数）', { exact: false }).waitFor();
    await context.close();
  });
});
