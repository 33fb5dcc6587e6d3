import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { people } from '../src/server/db/schema/index.js';
import type { Actor } from '../src/server/actor.js';
import { coverageOverview, coverageOverviewFromAllUnits } from '../src/server/modules/orgs/coverage.service.js';
import { queryRows } from '../src/server/db/client.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildProject, buildRegion, uid } from './factories.js';

/**
 * The stored classes (decision 032) stay exact when writers and readers overlap. On PostgreSQL the
 * writes run on connections of their own and stay open while reads refresh the stored classes; on
 * PGlite (one connection) the same steps run one after the other.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => t?.close());

const asActor = (path: string) => ({ scope: { path } }) as unknown as Actor;

/** A write in a transaction of its own, committed later: open at once on PostgreSQL, deferred on PGlite. */
async function openWrite(text: string, params: unknown[]): Promise<{ commit(): Promise<void> }> {
  const url = t.db.database.kind === 'postgres' ? t.db.database.url : undefined;
  if (!url)
    return {
      commit: async () => {
        await t.db.database.pglite!.query(text, params);
      },
    };
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('begin');
  await c.query(text, params);
  return {
    async commit() {
      await c.query('commit');
      await c.end();
    },
  };
}

describe(`stored coverage classes with overlapping writers (${inject('dbMode')})`, () => {
  it('a write still open while a read claims an earlier write of the same unit is reclassified by the next read', async () => {
    const w = await buildRegion(t.ctx);
    const p = await buildProject(t.ctx, { regionId: w.region.id, townshipId: w.townA.id, stage: 'started' });
    const add = async () =>
      (
        await t.ctx.db
          .insert(people)
          .values({ name: `党员${uid()}`, politicalStatus: 'full', projectId: p.id })
          .returning({ id: people.id })
      )[0]!.id;
    const first = await add();
    await add();
    const check = async (when: string) => {
      for (const path of [w.region.path, w.townA.path, '/']) {
        const q = { page: 1, pageSize: 50 };
        const fast = await coverageOverview(t.ctx, asActor(path), q);
        expect(fast, `${when}, scope ${path}`).toEqual(await coverageOverviewFromAllUnits(t.ctx, asActor(path), q));
      }
    };
    await check('two members');
    const classOfProject = async () =>
      (await coverageOverview(t.ctx, asActor(w.region.path), { page: 1, pageSize: 50 })).units.data.find(
        (u) => u.key === `p:${p.id}`,
      )?.class;
    expect(await classOfProject()).toBe('needs_joint');

    // W0 commits (a third member: needs its own branch), W1 opens on the same unit (the first leaves)
    await add();
    const w1 = await openWrite(`update people set political_status = 'probationary' where id = $1`, [first]);
    // this read claims W0's mark; W1's mark is not visible to it and must survive
    await check('W1 open');
    await w1.commit();
    await check('W1 committed');
    expect(await classOfProject()).toBe('needs_joint');

    // two writers on the same unit and two reads at once, the writers committing between them
    const [a, b] = await Promise.all([
      openWrite(`update people set political_status = 'full' where id = $1`, [first]),
      openWrite(`insert into people (name, political_status, project_id) values ($1, 'full', $2)`, [
        `党员${uid()}`,
        p.id,
      ]),
    ]);
    const r1 = coverageOverview(t.ctx, asActor(w.region.path), { page: 1, pageSize: 50 });
    await a.commit();
    const r2 = coverageOverview(t.ctx, asActor(w.region.path), { page: 1, pageSize: 50 });
    await b.commit();
    await Promise.all([r1, r2]);
    await check('both committed');
    expect(await classOfProject()).toBe('needs_own');
    // nothing left behind: every mark was claimed by a read
    const [left] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from coverage_dirty`);
    expect(left?.n).toBe(0);
  }, 120_000);
});
