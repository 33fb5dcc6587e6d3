import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { baseUrl, launchBrowser, loginAs, newPage } from './browser.js';
import { makeIdNumber } from '../src/domain/id-number.js';

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => close?.());

describe('任务中心 journey', () => {
  it('组织部 imports a roster, leaves the page, and finds the finished task and its row report in 任务中心', async () => {
    const shots = process.env.XF_SHOTS ?? '/tmp/xf-shots';
    mkdirSync(shots, { recursive: true });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['姓名', '身份证号', '所在党组织', '政治面貌']);
    for (let i = 0; i < 300; i++)
      ws.addRow([`任务导入${i}`, makeIdNumber('410105', '1988-04-05', 100 + i), '东临镇党委', '正式党员']);
    const bad = makeIdNumber('410105', '1987-01-02', 99);
    ws.addRow(['任务导入坏', bad.slice(0, 17) + (bad.endsWith('0') ? '1' : '0'), '东临镇党委', '正式党员']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    const { page } = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, 'zzb');
    await page.goto(baseUrl('/people'));
    await page.getByTestId('people-import').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await page.getByTestId('people-import-run').click();
    // While it runs the modal says the user may leave (a fast run may already show its report); they leave.
    await expect
      .poll(async () =>
        (await page.getByTestId('people-import-running').count())
          ? await page.getByTestId('people-import-running').innerText()
          : (await page.getByTestId('row-report').count())
            ? 'done'
            : '',
      )
      .toMatch(/可离开此页，结果在任务中心|done/);
    await page.keyboard.press('Escape');
    await page.goto(baseUrl('/'));

    await page.getByTestId('tasks-header').click();
    await page.waitForURL(/\/tasks$/);
    const row = page.locator('[data-testid=task-center] tbody tr.ant-table-row').first();
    await expect.poll(() => row.innerText(), { timeout: 60_000 }).toContain('已完成');
    expect(await row.innerText()).toContain('导入党员名册');
    await page.screenshot({ path: `${shots}/tasks-center-1440.png` });
    await row.getByRole('button', { name: /有误 1 行/ }).click();
    const report = page.getByTestId('task-report-drawer').getByTestId('people-import-report');
    await expect
      .poll(() => report.locator('tbody tr.ant-table-row').allInnerTexts())
      .toEqual([expect.stringMatching(/^302\s+身份证号\s+身份证号：校验位不正确$/)]);
    await page.screenshot({ path: `${shots}/tasks-report-1440.png` });

    // The inbox has the notification, and it leads to the task.
    await page.goto(baseUrl('/inbox'));
    await page
      .getByTestId('inbox-item')
      .filter({ hasText: '导入党员名册已完成' })
      .first()
      .getByRole('link', { name: '查看' })
      .click();
    await page.waitForURL(/\/tasks\?id=\d+$/);

    const phone = await newPage(browser, { mobile: true });
    await loginAs(phone.page, 'zzb');
    await phone.page.goto(baseUrl('/tasks'));
    await expect
      .poll(() => phone.page.locator('[data-testid=task-center] tbody tr.ant-table-row').first().innerText())
      .toContain('已完成');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.screenshot({ path: `${shots}/tasks-center-390.png` });
  }, 180_000);
});
