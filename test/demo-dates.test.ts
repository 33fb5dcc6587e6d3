import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';

type OpenItems = { key: string; count: number; items: Array<{ zh: string }> };

/**
 * Demo history is dated relative to the server clock and never after it (issue 11 item 7), and the
 * confirmed 月调度 of last month lists the items open when it was confirmed, the demo problems included.
 */
describe.each(['2026-12-02T02:00:00Z', '2026-12-01T01:00:00Z'])('the demo loaded at %s', (start) => {
  let t: TestApp;
  let zzb: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(start);
    expect(await loadDemoData(t.ctx)).toBe(true);
    zzb = await t.login('zzb', DEMO_PASSWORD);
  }, 180_000);
  afterAll(async () => t?.close());

  it('dates no past event after the clock’s now', async () => {
    const now = new Date(start);
    const confirmed = (await zzb.get('/api/dispatch?month=2026-11&pageSize=200')).json() as {
      data: Array<{ state: string; confirmedAt: string | null }>;
    };
    const ats = confirmed.data.filter((r) => r.confirmedAt).map((r) => new Date(r.confirmedAt as string));
    expect(ats.length).toBeGreaterThan(10);
    for (const at of ats) expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
    // every timestamp the demo wrote as a past event (not deadlines or expiries, nor the database's own now())
    const cols = (await t.ctx.db.execute(
      sql.raw(`select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and data_type like 'timestamp%'
          and column_name not similar to '%(due|expires|until|deadline|next|valid)%'
          and coalesce(column_default, '') not like '%now()%'`),
    )) as unknown as { rows: Array<{ table_name: string; column_name: string }> };
    const late: string[] = [];
    for (const c of cols.rows) {
      const r = (await t.ctx.db.execute(
        sql.raw(`select count(*)::int as n from "${c.table_name}" where "${c.column_name}" > '${now.toISOString()}'`),
      )) as unknown as { rows: Array<{ n: number }> };
      if ((r.rows[0]?.n ?? 0) > 0) late.push(`${c.table_name}.${c.column_name}`);
    }
    expect(late).toEqual([]);
  });

  it('the confirmed report of last month lists the problem still open then', async () => {
    const id = (await zzb.get('/api/projects?q=XM-2026-001')).json().data[0].id as number;
    const rep = (await zzb.get(`/api/dispatch/${id}/2026-11`)).json() as {
      confirmedAt: string | null;
      snapshot: { open: OpenItems[] };
    };
    expect(rep.confirmedAt).not.toBeNull();
    const problems = rep.snapshot.open.find((o) => o.key === 'problems');
    expect(problems?.items.map((i) => i.zh)).toEqual([
      expect.stringMatching(/^【.+】进场道路未修通，答复期限 \d{4}-\d{2}-\d{2}$/),
    ]);
  });
});
