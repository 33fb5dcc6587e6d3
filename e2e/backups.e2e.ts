import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { baseUrl, launchBrowser, loginAs, menuLabels, serverNow } from './browser.js';

const shots = process.env.XF_SHOTS ?? '/tmp/xf-shots';
let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => close?.());

async function page(viewport: { width: number; height: number }, mobile = false) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport,
    ...(mobile ? { isMobile: true, hasTouch: true } : {}),
  });
  await context.clock.install({ time: await serverNow() });
  return { context, page: await context.newPage() };
}

describe('数据备份 (system administrator)', () => {
  it('系统管理 → 数据备份 lists the nightly run; 立即备份 is confirmed, shows progress and its result', async () => {
    const { context, page: p } = await page({ width: 1440, height: 900 });
    try {
      await loginAs(p, 'admin');
      // The server's nightly job has already run once (its clock reads 10:00 China time, after 02:00).
      expect(await menuLabels(p)).toContain('数据备份');
      await p.goto(baseUrl('/admin/backups'));
      await expect.poll(() => p.url()).toContain('/admin/backups');
      await expect.poll(() => p.locator('.ant-table-row').filter({ hasText: '每晚自动' }).count()).toBeGreaterThan(0);
      await p.getByRole('button', { name: /立即备份/ }).click();
      await expect.poll(() => p.getByText('立即备份？').count()).toBeGreaterThan(0);
      await p.getByRole('button', { name: '开始备份' }).click();
      await expect
        .poll(() => p.getByText(/备份完成：xianfeng-.*\.xfbak/).count(), { timeout: 60_000 })
        .toBeGreaterThan(0);
      await expect.poll(() => p.locator('.ant-table-row').filter({ hasText: '成功' }).count()).toBeGreaterThan(0);
      await expect
        .poll(() => p.locator('.ant-table-row').filter({ hasText: '手动：admin' }).count())
        .toBeGreaterThan(0);
      await p.screenshot({ path: `${shots}/backups-1440.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('on a phone the page reads top to bottom', async () => {
    const { context, page: p } = await page({ width: 390, height: 844 }, true);
    try {
      await loginAs(p, 'admin');
      await p.goto(baseUrl('/admin/backups'));
      await expect.poll(() => p.getByText('上次成功备份').count()).toBeGreaterThan(0);
      await expect.poll(() => p.locator('.ant-table-row').count()).toBeGreaterThan(0);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await p.screenshot({ path: `${shots}/backups-390.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
