import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import { addMonths } from '../src/domain/months.js';
import { chinaDate } from '../src/domain/dates.js';
import { auditLog } from '../src/server/db/schema/index.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';

type OpenItems = { key: string; count: number; items: Array<{ zh: string }> };

/**
 * Demo history is dated relative to the server clock and never after it (issue 11 item 7), and the
 * confirmed 月调度 of last month lists the items open when it was confirmed, the demo problems included.
 */
describe.each(['2026-12-02T02:00:00Z', '2026-12-01T01:00:00Z', '2026-03-10T02:00:00Z'])(
  'the demo loaded at %s',
  (start) => {
    let t: TestApp;
    // the month before the one the demo loads in: its 月调度 is the confirmed one
    const lastMonth = addMonths(start.slice(0, 7), -1);
    let zzb: Agent;
    // the test app seeds the calendar on its own clock before this one is set: those audit rows are not the demo's
    let auditBefore = 0;

    beforeAll(async () => {
      t = await createTestApp();
      const [a] = await t.ctx.db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
      auditBefore = a?.id ?? 0;
      t.clock.set(start);
      expect(await loadDemoData(t.ctx)).toBe(true);
      zzb = await t.login('zzb', DEMO_PASSWORD);
    }, 180_000);
    afterAll(async () => t?.close());

    it('dates no past event after the clock’s now', async () => {
      const now = new Date(start);
      const confirmed = (await zzb.get(`/api/dispatch?month=${lastMonth}&pageSize=200`)).json() as {
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
          sql.raw(
            `select count(*)::int as n from "${c.table_name}" where "${c.column_name}" > '${now.toISOString()}'` +
              (c.table_name === 'audit_log' ? ` and id > ${auditBefore}` : ''),
          ),
        )) as unknown as { rows: Array<{ n: number }> };
        if ((r.rows[0]?.n ?? 0) > 0) late.push(`${c.table_name}.${c.column_name}`);
      }
      expect(late).toEqual([]);
      // the days of the 季督办 visits and of the 观摩 are past days too
      const today = chinaDate(now);
      const days = (await t.ctx.db.execute(
        sql.raw(`select max(visited_on)::text as v, (select max(held_on)::text from observation_events) as h
          from supervision_visits`),
      )) as unknown as { rows: Array<{ v: string; h: string }> };
      const [d] = days.rows;
      expect(d && d.v <= today && d.h <= today, JSON.stringify(d)).toBe(true);
    });

    it('the confirmed report of last month lists the problem still open then', async () => {
      const id = (await zzb.get('/api/projects?q=XM-2026-001')).json().data[0].id as number;
      const rep = (await zzb.get(`/api/dispatch/${id}/${lastMonth}`)).json() as {
        confirmedAt: string | null;
        snapshot: { open: OpenItems[] };
      };
      expect(rep.confirmedAt).not.toBeNull();
      const problems = rep.snapshot.open.find((o) => o.key === 'problems');
      expect(problems?.items.map((i) => i.zh)).toEqual([
        expect.stringMatching(/^【.+】进场道路未修通，答复期限 \d{4}-\d{2}-\d{2}$/),
      ]);
    });
  },
);
