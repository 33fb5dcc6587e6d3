import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from './test-app.js';
import { uid } from './factories.js';
import { buildProblemWorld, LONG_SESSIONS, ok, raise, type ProblemWorld } from './problem-factories.js';
import { cappedCount, roughly } from '../src/server/modules/problems/problem.repository.js';

let t: TestApp;
let w: ProblemWorld;

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
});
afterAll(async () => t?.close());

interface ListPage {
  data: Array<{ id: number; title: string }>;
  total: number;
  totalExact: boolean;
}

describe('the ledger total: exact up to the cap, an estimate (约) above it', () => {
  it('small lists answer an exact total and say so', async () => {
    const tag = `台账计数${uid()}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await raise(w.as.qiye, { description: `${tag} 第${i}件` }));
    const page = await ok<ListPage>(w.as.zzb.get(`/api/problems?q=${encodeURIComponent(tag)}&pageSize=2`));
    expect(page.total).toBe(3);
    expect(page.totalExact).toBe(true);
    expect(page.data.map((p) => p.id)).toEqual([made[2]!.id, made[1]!.id]);
    const second = await ok<ListPage>(w.as.zzb.get(`/api/problems?q=${encodeURIComponent(tag)}&pageSize=2&page=2`));
    expect(second).toMatchObject({ total: 3, totalExact: true });
    expect(second.data.map((p) => p.id)).toEqual([made[0]!.id]);
    const none = await ok<ListPage>(w.as.zzb.get(`/api/problems?q=${encodeURIComponent(`${tag}无此`)}`));
    expect(none).toMatchObject({ data: [], total: 0, totalExact: true });
  });

  it('counts exactly up to the cap, and above it answers an estimate of at least cap + 1', async () => {
    const firm = w.firm2.id;
    for (let i = 0; i < 4; i++) await raise(w.as.qiye2);
    const where = sql`firm_unit_id = ${firm}`;
    expect(await cappedCount(t.ctx.db, where, 4)).toEqual({ total: 4, totalExact: true });
    expect(await cappedCount(t.ctx.db, where, 100)).toEqual({ total: 4, totalExact: true });
    const over = await cappedCount(t.ctx.db, where, 2);
    expect(over.totalExact).toBe(false);
    expect(over.total).toBeGreaterThanOrEqual(3);
    expect(await cappedCount(t.ctx.db, sql`firm_unit_id = ${firm} and false`, 2)).toEqual({
      total: 0,
      totalExact: true,
    });
  });

  it('an estimate is rounded to two significant figures', () => {
    expect([0, 7, 99, 123, 1_234, 12_345, 987_654, 1_000_000].map(roughly)).toEqual([
      0, 7, 99, 120, 1_200, 12_000, 990_000, 1_000_000,
    ]);
  });
});
