import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';

let t: TestApp;
const as: Record<string, Agent> = {};

beforeAll(async () => {
  t = await createTestApp();
  expect(await loadDemoData(t.ctx)).toBe(true);
  for (const u of ['zzb', 'lingdao', 'zhuanyuan', 'bumen', 'qiye', 'shuji']) as[u] = await t.login(u, DEMO_PASSWORD);
}, 120_000);
afterAll(async () => t?.close());

type Item = { code: string; warning: { colour: string; reasons: Array<{ text: string }> } };

describe('the demo region’s projects (modelled on the articles)', () => {
  it('the board shows a realistic mix of 蓝/黄/红, each colour explained', async () => {
    const board = (await as.qiye!.get('/api/projects/board?pageSize=200')).json();
    expect(board.total).toBe(23);
    expect(board.counts).toEqual({ red: 3, yellow: 5, blue: 15 });
    const by = (code: string) => board.data.find((p: Item) => p.code === code) as Item;
    expect(by('XM-2026-001').warning.colour).toBe('blue');
    expect(by('XM-2026-005').warning.reasons[0]?.text).toMatch(
      /^红色：节点「制氢装置设备基础完成」计划 2026-10-09，已逾期 \d+ 个工作日$/,
    );
    expect(by('XM-2026-007').warning.reasons[0]?.text).toMatch(/^黄色：计划 2026-09 开工，至今未开工/);
    expect(by('XM-2026-107').warning.reasons[0]?.text).toMatch(
      /^黄色：节点「主体封顶」计划 \d{4}-\d{2}-\d{2}，预计 \d{4}-\d{2}-\d{2} 完成，将晚 \d 个工作日$/,
    );
    expect(by('XM-2026-004').warning.reasons[0]?.text).toMatch(/^黄色：形象进度 15%/);
  });

  it('the leader has the warnings in the inbox and at home; each project keeps its months', async () => {
    const inbox = (await as.lingdao!.get('/api/notifications?pageSize=50')).json();
    expect(inbox.data.some((n: { title: string }) => n.title === '项目「焦炉煤气制氢项目」转为红色预警')).toBe(true);
    const home = (await as.lingdao!.get('/api/home')).json().items.map((i: { key: string }) => i.key);
    expect(home).toEqual(expect.arrayContaining(['projects-red', 'projects-yellow']));
    const id = (await as.zzb!.get('/api/projects?q=XM-2026-005')).json().data[0].id;
    const months = (await as.lingdao!.get(`/api/projects/${id}/warnings`))
      .json()
      .data.map((m: { month: string; colour: string }) => `${m.month}:${m.colour}`);
    // the 月调度 history reaches six months back from the month the demo loads (2026-11 on this clock)
    expect(months).toEqual([
      '2026-05:blue',
      '2026-06:blue',
      '2026-07:blue',
      '2026-08:blue',
      '2026-09:blue',
      '2026-10:red',
      '2026-11:red',
    ]);
  });

  it('cadence and approvals have data: missing reports, findings, an observation, acceptance durations, an overdue approval', async () => {
    const missing = (await as.zzb!.get('/api/dispatch?month=2026-10&state=missing&pageSize=200')).json();
    expect(missing.data.map((r: { project: { code: string } }) => r.project.code).sort()).toEqual([
      'XM-2026-005',
      'XM-2026-109',
      'XM-2026-115',
    ]);
    expect((await as.zhuanyuan!.get('/api/projects?mine=true')).json().total).toBe(4);
    expect((await as.zzb!.get('/api/supervision/visits')).json().total).toBe(2);
    expect((await as.zzb!.get('/api/observations')).json().data[0]).toMatchObject({
      title: '2026年上半年重点项目观摩',
      projects: 5,
    });
    const report = (await as.zzb!.get('/api/approvals/acceptance-report?from=2026-01-01&to=2026-12-31')).json();
    expect(report.overall.count).toBeGreaterThanOrEqual(5);
    expect(report.overall.average).toBeLessThanOrEqual(10);
    const bumen = (await as.bumen!.get('/api/home')).json().items.map((i: { key: string }) => i.key);
    expect(bumen).toContain('approvals-overdue');
    const firm = (await as.qiye!.get('/api/projects')).json().data.map((p: { code: string }) => p.code);
    expect(firm).toEqual(['XM-2026-001']);
    expect((await as.shuji!.get('/api/projects')).json().data.map((p: { code: string }) => p.code)).toEqual([
      'XM-2026-001',
    ]);
  });
});
