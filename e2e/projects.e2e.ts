import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, loginAs, newPage } from './browser.js';
import { ApiClient } from './api.js';
import { registerJourneyProject } from './journey-project.js';

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => close?.());

describe('projects journey', () => {
  it('the commissioner reports a node late on the phone; the project turns yellow on the board; the leader sees the warning', async () => {
    const p = await registerJourneyProject();

    // 张伟, on site with a phone, forecasts 主体封顶 three working days after its plan
    const phone = await newPage(browser, { mobile: true });
    await loginAs(phone.page, 'zhuanyuan');
    await phone.page.goto(baseUrl(`/projects/${p.id}`));
    await expect.poll(() => phone.page.getByTestId('warning-badge').first().getAttribute('data-colour')).toBe('blue');
    await phone.page.getByTestId('node-edit-40').click();
    await phone.page.getByTestId('node-expected').click();
    await phone.page.keyboard.type(p.expected);
    await phone.page.keyboard.press('Enter');
    await phone.page.getByTestId('node-reason').fill('钢结构构件到货推迟');
    await phone.page.getByTestId('node-save').click();
    await expect.poll(() => phone.page.getByTestId('warning-badge').first().getAttribute('data-colour')).toBe('yellow');
    const reason = `黄色：节点「主体封顶」计划 ${p.planned}，预计 ${p.expected} 完成，将晚 3 个工作日`;
    await expect.poll(() => phone.page.getByTestId('warning-reason').innerText()).toBe(reason);
    // phone-friendly: nothing wider than the 390px screen once the drawer has closed
    await expect.poll(() => phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // the 公示 board shows it yellow, with the same reason
    await phone.page.goto(baseUrl('/projects/board?colour=yellow&pageSize=100'));
    const row = phone.page.locator('tr', { has: phone.page.getByText(p.name, { exact: true }) });
    await row.waitFor();
    expect(await row.getByTestId('warning-badge').getAttribute('data-colour')).toBe('yellow');
    expect(await row.getByTestId('board-reason').innerText()).toContain(reason);
    await phone.context.close();

    // 刘振华, the 包联领导, finds the warning in the inbox and opens the project
    const desk = await newPage(browser);
    await loginAs(desk.page, 'lingdao');
    await desk.page.goto(baseUrl('/inbox'));
    const item = desk.page.getByTestId('inbox-item').filter({ hasText: `项目「${p.name}」转为黄色预警` });
    await item.waitFor();
    expect(await item.innerText()).toContain(reason);
    await item.getByRole('link').click();
    await desk.page.waitForURL(`**/projects/${p.id}`);
    await expect.poll(() => desk.page.getByTestId('warning-badge').first().getAttribute('data-colour')).toBe('yellow');
    expect(await desk.page.getByTestId('warning-reason').innerText()).toBe(reason);
    await desk.context.close();
  });

  it('the organisation department filters the list by colour and exports it; the commissioner confirms a prefilled dispatch report', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'zzb');
    await page.goto(baseUrl('/projects?colour=red'));
    await page.getByTestId('project-link').first().waitFor();
    const colours = await page
      .getByTestId('warning-badge')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-colour')));
    expect(new Set(colours)).toEqual(new Set(['red']));
    const download = page.waitForEvent('download');
    await page.getByTestId('projects-export').click();
    expect((await download).suggestedFilename()).toBe('项目台账.xlsx');
    await context.close();

    // a project of 张伟's that owes last month's report: he only confirms the prefilled figures
    const p = await registerJourneyProject();
    const zy = await ApiClient.login('zhuanyuan');
    const month = (await zy.json<{ month: string }>('GET', '/api/dispatch?mine=true')).month;
    const phone = await newPage(browser, { mobile: true });
    await loginAs(phone.page, 'zhuanyuan');
    await phone.page.goto(baseUrl(`/dispatch/${p.id}/${month}`));
    await expect.poll(() => phone.page.getByTestId('dispatch-state-tag').innerText()).toMatch(/^(缺报|待确认)$/);
    await phone.page.getByTestId('dispatch-remarks').fill('本月按计划推进');
    await phone.page.getByTestId('dispatch-confirm').click();
    await expect.poll(() => phone.page.getByTestId('dispatch-state-tag').innerText()).toBe('已确认');
    const after = await zy.json<{ remarks: string; confirmedBy: string }>('GET', `/api/dispatch/${p.id}/${month}`);
    expect(after).toMatchObject({ remarks: '本月按计划推进', confirmedBy: '张伟' });
    await phone.context.close();
  });
});
