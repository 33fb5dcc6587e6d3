import { afterAll, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { orgUnits, people } from '../src/server/db/schema/index.js';
import { pinyinKey } from '../src/shared/pinyin.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUnit, buildUser, uid } from './factories.js';

/**
 * The world of the party-organisation tests (orgs-details, orgs-lifecycle): two regions, the
 * organisation department of the first, a community with its branch, and a township committee.
 * `useOrgsWorld()` registers the hooks; the bindings below are live once `beforeAll` ran.
 */
export let t: TestApp;
export let a: Awaited<ReturnType<typeof buildRegion>>;
export let b: Awaited<ReturnType<typeof buildRegion>>;
export let zzb: Agent;
export let community: { id: number };
export let communityBranch: number;
export let townCommittee: number;

export async function person(o: {
  name?: string;
  relation: number | null;
  home?: number | null;
  status?: string;
  employer?: number;
  projectId?: number;
}) {
  const name = o.name ?? `党员${uid()}`;
  const [rel] = o.relation
    ? await t.ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, o.relation))
    : [];
  const [row] = await t.ctx.db
    .insert(people)
    .values({
      name,
      pinyin: pinyinKey(name),
      politicalStatus: o.status ?? 'full',
      relationOrgUnitId: o.relation,
      orgPath: rel?.path ?? null,
      homeUnitId: o.home ?? null,
      employerUnitId: o.employer ?? null,
      projectId: o.projectId ?? null,
    })
    .returning();
  return row!;
}

export function useOrgsWorld(): void {
  beforeAll(async () => {
    t = await createTestApp();
    a = await buildRegion(t.ctx);
    b = await buildRegion(t.ctx);
    const org = await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] });
    zzb = await t.login(org.username);
    community = await buildUnit(t.ctx, { parentId: a.townA.id, kind: 'community', name: `社区${uid()}` });
    communityBranch = (
      await zzb.post('/api/orgs', { parentId: community.id, kind: 'branch', name: `社区党支部${uid()}` })
    ).json().id;
    townCommittee = (
      await zzb.post('/api/orgs', { parentId: a.townA.id, kind: 'party_committee', name: `甲镇党委${uid()}` })
    ).json().id;
  });
  afterAll(async () => t?.close());
}
