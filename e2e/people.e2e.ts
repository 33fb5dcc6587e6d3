import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, loginAs, newPage } from './browser.js';

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
    await expect.poll(() => page.getByTestId('person-id-number').first().innerText()).toMatch(/^410102\*{8}\d{3}[\dX]$/);
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
});
