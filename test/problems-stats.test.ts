import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from './test-app.js';
import { sql } from 'drizzle-orm';
import type { Actor } from '../src/server/actor.js';
import { queryRows } from '../src/server/db/client.js';
import { problemStats } from '../src/server/modules/problems/problem.stats.js';
import { counterPrefix } from '../src/server/modules/problems/problem.stats.counters.js';
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

describe('counters (decision 034)', () => {
  it('the region’s statistics from the maintained counters equal the scan of the rows, after random steps and days', async () => {
    const u = w.users.zzb;
    const actor = {
      userId: u.id,
      scope: { unitId: w.region.id, path: w.region.path, kind: 'org', unitKind: 'region', name: w.region.name },
    } as unknown as Actor;
    expect(counterPrefix(actor, {})).toBe(w.region.path);
    let seed = 20261208;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const ids: number[] = [];
    const categories = ['road', 'land', 'tax', 'power'];
    const agents = [w.as.a, w.as.b, w.as.c];
    const queries = ['', '?from=2026-11-24&to=2026-12-20', '?from=2026-12-01', '?to=2026-11-30'];
    let compared = 0;
    let queued = 0;
    for (let step = 0; step < 60; step++) {
      const id = ids[rnd(Math.max(ids.length, 1))];
      const kind = rnd(10);
      if (kind === 0 || ids.length === 0) {
        ids.push((await raiseAndDispatch(w, { category: categories[rnd(4)]!, co: rnd(2) ? [w.deptB.id] : [] })).id);
      } else if (kind === 1) {
        ids.push((await raise(rnd(2) ? w.as.qiye : w.as.qiye2, { category: categories[rnd(4)]! })).id);
      } else if (kind === 2) {
        t.clock.advanceMinutes(rnd(4) * 24 * 60);
      } else {
        const agent = agents[rnd(3)]!;
        const action = [
          () => agent.post(`/api/problems/${id}/sign`, {}),
          () => agent.post(`/api/problems/${id}/answer`, { text: `已办理 ${id}` }),
          () => agent.post(`/api/problems/${id}/return`, { reason: '不属于本单位职责' }),
          () => w.as.zzb.post(`/api/problems/${id}/feedback`, {}),
          () => w.as.qiye.post(`/api/problems/${id}/rate`, { rating: rnd(2) ? 'satisfied' : 'dissatisfied' }),
          () => w.as.zzb.post(`/api/problems/${id}/accept`, {}),
          () =>
            w.as.zzb.post(`/api/problems/${id}/dispatch`, { leadDeptId: [w.deptA.id, w.deptB.id, w.deptC.id][rnd(3)] }),
        ][rnd(7)]!;
        await action(); // a step the state refuses answers 4xx and changes nothing
      }
      if (step % 4 !== 3) continue;
      for (const query of queries) {
        const f = Object.fromEntries(new URLSearchParams(query));
        const fromCounters = await ok<Stats>(w.as.zzb.get(`/api/problems/stats${query}`));
        const fromRows = await problemStats(t.ctx, actor, f, { counters: false });
        expect(fromCounters, `step ${step} ${query}`).toEqual(JSON.parse(JSON.stringify(fromRows)));
        compared++;
      }
      // A department's queue in due order: the same rows and order as the old statement (no status test).
      for (const [agent, dept] of [
        [w.as.a, w.deptA],
        [w.as.b, w.deptB],
      ] as const)
        for (const queue of ['to_sign', 'in_hand'] as const) {
          const page = await ok<{ data: Array<{ id: number }> }>(
            agent.get(`/api/problems?queue=${queue}&sort=due&pageSize=100`),
          );
          const old = await queryRows<{ id: number }>(
            t.ctx.db,
            sql`select p.id from problems p where p.id in (select pa.problem_id from problem_assignments pa
                where pa.dept_unit_id = ${dept.id} and pa.status = ${queue}) order by p.answer_due asc nulls last, p.id desc`,
          );
          expect(
            page.data.map((r) => r.id),
            `step ${step} ${queue}`,
          ).toEqual(old.map((r) => r.id));
          queued += old.length;
        }
    }
    expect(queued).toBeGreaterThan(0);
    expect(compared).toBe(60);
    const final = await ok<Stats>(w.as.zzb.get('/api/problems/stats'));
    expect(final.overall.total).toBeGreaterThan(10);
    expect(final.overall.closed).toBeGreaterThan(0);
    expect(final.overall.openOverdue).toBeGreaterThan(0);
  });
});
