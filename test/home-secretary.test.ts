import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { partyOrgs } from '../src/server/db/schema/index.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildRegion, buildUnit, buildUser, uid } from './factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type Item = { key: string; level: string; title: string };

describe('the branch secretary’s 换届 line', () => {
  it('names the next election: info far ahead, amber within half a year, red when past; nothing without a term', async () => {
    t.clock.set(new Date('2026-11-23T10:00:00+08:00'));
    const r = await buildRegion(t.ctx);
    const branch = await buildUnit(t.ctx, { parentId: r.townA.id, kind: 'branch', name: `党支部${uid()}` });
    const secretary = await buildUser(t.ctx, { unitId: branch.id, roles: ['secretary'] });
    const as = await t.login(secretary.username);
    const election = async () =>
      ((await as.get('/api/home')).json().items as Item[]).filter((i) => i.key.startsWith('election-'));

    expect(await election()).toEqual([]);
    await t.ctx.db
      .insert(partyOrgs)
      .values({ unitId: branch.id, nextElectionOn: '2028-03-01', updatedAt: t.clock.now() });
    expect(await election()).toEqual([
      { key: 'election-next', level: 'info', title: '本支部下次换届 2028-03-01', link: '/orgs' },
    ]);
    await t.ctx.db.update(partyOrgs).set({ nextElectionOn: '2027-02-10' }).where(eq(partyOrgs.unitId, branch.id));
    expect(await election()).toMatchObject([
      { key: 'election-due', level: 'warning', title: '本支部任期将于 2027-02-10 届满，请筹备换届' },
    ]);
    await t.ctx.db.update(partyOrgs).set({ nextElectionOn: '2026-11-20' }).where(eq(partyOrgs.unitId, branch.id));
    expect(await election()).toMatchObject([{ key: 'election-overdue', level: 'danger' }]);
    // a closed organisation elects no one
    await t.ctx.db.update(partyOrgs).set({ status: 'closed' }).where(eq(partyOrgs.unitId, branch.id));
    expect(await election()).toEqual([]);
    // the line is the secretary's: a commissioner of the branch's township does not get it
    const other = await buildUser(t.ctx, { unitId: branch.id, roles: ['commissioner'] });
    await t.ctx.db.update(partyOrgs).set({ status: 'active' }).where(eq(partyOrgs.unitId, branch.id));
    const items = (await (await t.login(other.username)).get('/api/home')).json().items as Item[];
    expect(items.some((i) => i.key.startsWith('election-'))).toBe(false);
  });
});
