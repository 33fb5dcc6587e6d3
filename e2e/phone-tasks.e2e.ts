import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, newPage } from './browser.js';
import { ApiClient } from './api.js';
import { registerJourneyProject } from './journey-project.js';
import { countPhoneTasks, formatCounts } from './phone-tasks.js';

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => close?.());

describe('the five key tasks on a phone (390×844), counted', () => {
  it('raise with a photo, dispatch, answer, report a node and confirm 月调度 are done from the home page, each main action within the first screen', async () => {
    const project = await registerJourneyProject();
    const month = (await (await ApiClient.login('zhuanyuan')).json<{ month: string }>('GET', '/api/dispatch?mine=true'))
      .month;
    const rows = await countPhoneTasks({
      baseUrl: baseUrl(),
      problemText: `二期用地指标未下达，影响开工（手机 ${Date.now()}）`,
      project,
      month,
      newPhone: async () => {
        const { context, page } = await newPage(browser, { mobile: true });
        return { page, close: () => context.close() };
      },
    });
    // the figures of docs/decisions/029-phone-layout.md
    console.log(`five key tasks on the phone:\n${formatCounts(rows)}`);
    expect(rows.map((r) => r.task)).toEqual([
      '吹哨（带照片）',
      '受理并交办',
      '签收并答复',
      '更新节点进度',
      '确认月调度',
    ]);
    // each main action is in the first screen, above the bottom tab bar (844 − 56 px), without scrolling
    for (const r of rows) expect(r.mainActionBottom, r.task).toBeLessThanOrEqual(844 - 56);
  }, 300_000); // five tasks by three people, each logging in: longer than one journey step
});
