import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { baseUrl, launchBrowser, loginAs, newPage, serverNow, serverToday } from './browser.js';
import { ApiClient } from './api.js';
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
      .poll(() => report.locator('tbody tr.ant-table-row').allInnerTexts())
      .toEqual([expect.stringMatching(/^3\s+身份证号\s+身份证号：校验位不正确$/)]);
    await expect.poll(() => page.locator('.ant-modal .ant-alert').innerText()).toContain('有错误，未写入任何数据');
  });

  it('组织部 sees the ID masked on the detail, 查看 asks a reason and then shows it; an early 转正 asks to confirm', async () => {
    const shots = process.env.XF_SHOTS ?? '/tmp/xf-shots';
    mkdirSync(shots, { recursive: true });
    const api = await ApiClient.login('zzb');
    const found = await api.json<{ data: Array<{ id: number; relationOrg: { id: number } }> }>(
      'GET',
      '/api/people?q=zsf',
    );
    const relationOrgUnitId = found.data[0]!.relationOrg.id;
    const idNumber = makeIdNumber('410105', '1992-05-06', Math.floor(Math.random() * 900) + 10);
    const person = await api.json<{ id: number }>('POST', '/api/people', {
      name: `预备${Math.random().toString(36).slice(2, 5)}`,
      idNumber,
      phone: '13712345678',
      politicalStatus: 'masses',
      relationOrgUnitId,
    });
    const admitted = new Date((await serverNow()).getTime() - 40 * 86_400_000).toISOString().slice(0, 10);
    for (const body of [
      { step: 'apply', on: '2020-01-02' },
      { step: 'activist', on: '2020-03-01' },
      { step: 'candidate', on: '2021-03-01' },
      { step: 'admit', on: admitted, introducers: [{ name: '张淑芬' }, { name: '王建国' }] },
    ])
      await api.json('POST', `/api/people/${person.id}/pipeline`, body);

    for (const mobile of [true, false]) {
      const { page } = await newPage(browser, { mobile });
      if (!mobile) await page.setViewportSize({ width: 1440, height: 900 });
      await loginAs(page, 'zzb');
      await page.goto(baseUrl(`/people/${person.id}`));
      const id = page.getByTestId('person-id-number');
      await expect.poll(() => id.innerText()).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
      if (mobile)
        // nothing wider than the phone: the modal and its buttons stay on screen
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.getByTestId('reveal-idNumber').click();
      await page.getByTestId('reveal-reason').fill('核对');
      await page.screenshot({ path: `${shots}/people-reveal-open-${mobile ? '390' : '1440'}.png` });
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => page.locator('.ant-modal .ant-form-item-explain').innerText()).toContain('至少5个字');
      await page.getByTestId('reveal-reason').fill('办理组织关系转接，核对身份证号');
      await expect.poll(() => page.locator('.ant-modal .ant-form-item-explain').count()).toBe(0);
      await page.screenshot({ path: `${shots}/people-reveal-modal-${mobile ? '390' : '1440'}.png` });
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => id.innerText()).toBe(idNumber);
      await page.screenshot({ path: `${shots}/people-revealed-${mobile ? '390' : '1440'}.png` });
      expect(await page.getByTestId('person-phone').innerText()).toBe('137****5678');
      await page.context().close();
    }

    const { page } = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, 'zzb');
    await page.goto(baseUrl(`/people/${person.id}`));
    await page.getByTestId('pipeline-step').click();
    await page.locator('.ant-modal .ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: '转为正式党员' }).click();
    const today = await serverToday();
    await page.locator('.ant-modal .ant-picker input').fill(today);
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal .ant-btn-primary').first().click();
    const warning = page.getByTestId('early-warning');
    await expect.poll(() => warning.innerText()).toContain(`${admitted}接收为预备党员`);
    expect(await warning.innerText()).toContain('转正早于预备期满');
    await page.getByTestId('early-reason').fill('党委会议研究决定提前讨论');
    await page.screenshot({ path: `${shots}/people-early-full-1440.png` });
    await page.getByRole('button', { name: '确认提前办理' }).click();
    await expect
      .poll(() => page.getByTestId('timeline-item').allInnerTexts())
      .toContainEqual(expect.stringContaining('经确认提前办理：党委会议研究决定提前讨论'));
    await expect.poll(() => page.getByTestId('pipeline-card').innerText()).toContain('早于预备期满');
  });
});
