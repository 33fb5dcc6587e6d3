import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from './test-app.js';
import {
  buildProblemWorld,
  LONG_SESSIONS,
  ok,
  raise,
  raiseAndDispatch,
  type ProblemWorld,
} from './problem-factories.js';

let t: TestApp;
let w: ProblemWorld;
const work = mkdtempSync(join(tmpdir(), 'xf-ledger-'));

interface Stats {
  overall: {
    total: number;
    closed: number;
    closedOnTime: number;
    openOverdue: number;
    onTimeRate: number | null;
    feedbackRate: number | null;
    satisfactionRate: number | null;
    avgCloseWorkingDays: number | null;
  };
  byMonth: Array<{ month: string; total: number; onTimeRate: number | null }>;
  byDept: Array<{
    deptId: number;
    assigned: number;
    answered: number;
    answeredOnTime: number;
    openOverdue: number;
    answerOnTimeRate: number | null;
    onTimeRate: number | null;
  }>;
}

async function loop(id: number, rating: 'satisfied' | 'basically_satisfied') {
  await ok(w.as.a.post(`/api/problems/${id}/sign`, {}));
  await ok(w.as.a.post(`/api/problems/${id}/answer`, { text: `已办理 ${id}` }));
  await ok(w.as.zzb.post(`/api/problems/${id}/feedback`, {}));
  await ok(w.as.qiye.post(`/api/problems/${id}/rate`, { rating }));
}

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
  // Monday 23 Nov: three problems dispatched (道路交通: answer by 30 Nov); the first closed at once.
  const onTime = await raiseAndDispatch(w, { category: 'road' });
  const late = await raiseAndDispatch(w, { category: 'road' });
  await raiseAndDispatch(w, { category: 'road' });
  await loop(onTime.id, 'satisfied');
  // Thursday 10 Dec: the second is answered late; the third is still open and overdue.
  t.clock.set('2026-12-10T02:00:00Z');
  await loop(late.id, 'basically_satisfied');
  await raiseAndDispatch(w, { category: 'road' });
  await raise(w.as.qiye);
});
afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('statistics', () => {
  it('按期办结率 = closed on time ÷ (all closed + open overdue); feedback, satisfaction, working days to close', async () => {
    const s = await ok<Stats>(w.as.zzb.get('/api/problems/stats'));
    expect(s.overall).toMatchObject({
      total: 5,
      closed: 2,
      closedOnTime: 1,
      openOverdue: 1,
      satisfactionRate: 1,
      avgCloseWorkingDays: 6.5,
    });
    expect(s.overall.onTimeRate).toBeCloseTo(1 / 3, 10);
    expect(s.overall.feedbackRate).toBeCloseTo(1 / 3, 10);
    expect(s.byMonth.map((m) => [m.month, m.total])).toEqual([
      ['2026-11', 3],
      ['2026-12', 2],
    ]);
    const a = s.byDept.find((d) => d.deptId === w.deptA.id);
    expect(a).toMatchObject({ assigned: 4, answered: 2, answeredOnTime: 1, openOverdue: 1 });
    expect(a?.answerOnTimeRate).toBeCloseTo(1 / 3, 10);
    expect((await w.as.a.get('/api/problems/stats')).statusCode).toBe(403);
    const filtered = await ok<Stats>(w.as.zzb.get('/api/problems/stats?overdue=true'));
    expect(filtered.overall).toMatchObject({ total: 1, openOverdue: 1, onTimeRate: 0 });
  });

  it('the Excel ledger has the 台账 columns, opens in LibreOffice, and its on-time rate equals the page’s', async () => {
    for (const query of ['', '?category=road', '?from=2026-11-01&to=2026-11-30']) {
      const res = await w.as.zzb.get(`/api/problems/export${query}`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
        '序号',
        '来源',
        '企业/项目',
        '问题描述',
        '责任单位',
        '协办单位',
        '派单时间',
        '办理时限',
        '办理结果',
        '办结时间',
        '是否按期',
        '满意度',
      ]);
      const file = join(work, `ledger${query.length}.xlsx`);
      writeFileSync(file, res.rawPayload);
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${work}/lo-profile`,
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76',
          '--outdir',
          work,
          file,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const csv = readFileSync(file.replace(/\.xlsx$/, '.csv'), 'utf8').split(/\r?\n/);
      const rateLine = csv.find((l) => l.startsWith('"按期办结率') || l.startsWith('按期办结率'));
      expect(rateLine, csv.join('\n')).toBeDefined();
      const fromFile = rateLine!.split(',')[1]!.replace(/"/g, '');
      const stats = await ok<Stats>(w.as.zzb.get(`/api/problems/stats${query}`));
      expect(fromFile, query).toBe(
        stats.overall.onTimeRate === null ? '—' : `${(stats.overall.onTimeRate * 100).toFixed(2)}%`,
      );
      const rows = csv.filter((l) => /^\d+,/.test(l));
      expect(rows.length).toBe(stats.overall.total);
    }
  });
});
