import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import { baseUrl, launchBrowser, loginAs, newPage } from './browser.js';
import { makeIdNumber } from '../src/domain/id-number.js';

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => close?.());

describe('people journey', () => {
  it('the commissioner finds a member by pinyin initials, sees the ID masked and the pipeline timeline', async () => {
    const { page } = await newPage(browser);
    await loginAs(page, 'zhuanyuan');
    await page.goto(baseUrl('/people'));
    await page.getByTestId('people-search').locator('input').fill('zsf');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('person-link').allInnerTexts()).toEqual(['张淑芬']);
    await expect
      .poll(() => page.getByTestId('person-id-number').first().innerText())
      .toMatch(/^410102\*{8}\d{3}[\dX]$/);
    await page.getByTestId('person-link').first().click();
    await page.waitForURL(/\/people\/\d+$/);
    await expect.poll(() => page.getByTestId('person-id-number').innerText()).toMatch(/^410102\*{8}\d{3}[\dX]$/);
    const timeline = page.getByTestId('timeline-item');
    await expect.poll(() => timeline.count()).toBeGreaterThanOrEqual(6);
    const texts = (await timeline.allInnerTexts()).join('\n');
    expect(texts).toContain('递交入党申请书');
    expect(texts).toContain('转为正式党员');
    await expect.poll(() => page.getByTestId('pipeline-card').innerText()).toContain('正式党员');
    // a commissioner may edit people but not issue transfers
    expect(await page.getByRole('button', { name: /开具转接/ }).count()).toBe(0);
  });

  it('the organisation department imports a roster with a bad row: the report names the row and nothing is written', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['姓名', '身份证号', '所在党组织', '政治面貌']);
    const good = makeIdNumber('410105', '1990-02-03', 517);
    const bad = makeIdNumber('410105', '1991-03-04', 518);
    ws.addRow(['导入甲', good, '东临镇党委', '正式党员']);
    ws.addRow(['导入乙', bad.slice(0, 17) + (bad.endsWith('0') ? '1' : '0'), '东临镇党委', '正式党员']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const { page } = await newPage(browser);
    await loginAs(page, 'zzb');
    await page.goto(baseUrl('/people'));
    await page.getByTestId('people-import').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await page.getByTestId('people-import-run').click();
    const report = page.getByTestId('people-import-report');
    await expect
      .poll(() => report.locator('tbody tr').allInnerTexts())
      .toEqual([expect.stringMatching(/^3\s+身份证号\s+身份证号：校验位不正确$/)]);
    await expect.poll(() => page.locator('.ant-modal .ant-alert').innerText()).toContain('有错误，未写入任何数据');
  });
});
