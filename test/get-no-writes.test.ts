import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';

let t: TestApp;

/**
 * Reads that write on purpose, each documented: personal-data reads and exports are audited
 * (decision 014; ARCHITECTURE "Not audited, on purpose"), and the session's last-seen time (not probed).
 */
const AUDITED_READS = new Set(['person/read', 'person/export']);
/**
 * The stored coverage classes (decision 032), a derived cache: a coverage read claims the dirty marks
 * writes left (DELETE coverage_dirty) and replaces the stored rows of those units. Never business rows.
 */
const DERIVED_WRITES = new Set(['DELETE coverage_dirty', 'DELETE coverage_unit_class', 'INSERT coverage_unit_class']);

beforeAll(async () => {
  t = await createTestApp();
  expect(await loadDemoData(t.ctx)).toBe(true);
  // a row trigger on every table but sessions notes each row written, with the audit action if any
  await t.ctx.db.execute(sql`create table write_probe (tbl text not null, op text not null, action text)`);
  await t.ctx.db.execute(
    sql.raw(`create function xf_write_probe() returns trigger language plpgsql as $$
      begin
        if TG_TABLE_NAME = 'audit_log' and TG_OP = 'INSERT' then
          insert into write_probe values (TG_TABLE_NAME, TG_OP, NEW.entity || '/' || NEW.action);
        else
          insert into write_probe values (TG_TABLE_NAME, TG_OP, null);
        end if;
        return null;
      end $$`),
  );
  const tables = (await t.ctx.db.execute(
    sql`select tablename from pg_tables where schemaname = 'public' and tablename not in ('sessions', 'write_probe')`,
  )) as unknown as { rows: Array<{ tablename: string }> };
  for (const { tablename } of tables.rows)
    await t.ctx.db.execute(
      sql.raw(
        `create trigger xf_write_probe after insert or update or delete on "${tablename}" for each row execute function xf_write_probe()`,
      ),
    );
}, 180_000);
afterAll(async () => t?.close());

const sample: Record<string, string> = { month: '2026-11', year: '2026' };
const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name] ?? '1');

describe('no GET writes', () => {
  it('every GET in the OpenAPI document, as every demo account, writes nothing but the audited personal-data reads', async () => {
    await t.app.ready();
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([p]) => fill(p));
    expect(gets).toContain('/api/coverage/proposals');
    const agents: Agent[] = [];
    for (const a of DEMO_ACCOUNTS) {
      const agent = await t.login(a.username, DEMO_PASSWORD);
      if ((await agent.get('/api/auth/me')).statusCode === 200) agents.push(agent);
    }
    expect(agents.length).toBeGreaterThanOrEqual(5);
    await t.ctx.db.execute(sql`delete from write_probe`);
    const writes: string[] = [];
    let answered = 0;
    for (const url of gets)
      for (const agent of agents) {
        const res = await agent.get(url);
        if (res.statusCode === 200) answered++;
        const rows = (await t.ctx.db.execute(sql`delete from write_probe returning tbl, op, action`)) as unknown as {
          rows: Array<{ tbl: string; op: string; action: string | null }>;
        };
        for (const r of rows.rows)
          if (
            !(r.tbl === 'audit_log' && r.op === 'INSERT' && AUDITED_READS.has(r.action ?? '')) &&
            !DERIVED_WRITES.has(`${r.op} ${r.tbl}`)
          )
            writes.push(`GET ${url}: ${r.op} ${r.tbl}${r.action ? ` (${r.action})` : ''}`);
      }
    expect(answered).toBeGreaterThan(gets.length);
    expect([...new Set(writes)]).toEqual([]);
  });
});
