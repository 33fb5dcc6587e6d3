import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orgUnits, partyOrgCoverage, people, projects } from '../src/server/db/schema/index.js';
import type { Actor } from '../src/server/actor.js';
import type { OrgKind } from '../src/shared/org-kinds.js';
import {
  coverageOverview,
  coverageOverviewFromAllUnits,
  type CoverageQuery,
} from '../src/server/modules/orgs/coverage.service.js';
import { summariseStoredUnits } from '../src/server/modules/orgs/coverage.stored.repository.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildProject, buildRegion, buildUnit, buildUser, uid } from './factories.js';

/**
 * The coverage page classifies units inside the database (summariseCoverageUnits). Property: after
 * every kind of write that changes a unit's class, members, coverage or township, its answer equals
 * the full recomputation in JS (loadCoverageUnits + classify), for several scopes and filters, over
 * a few random sequences of writes.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => t?.close());

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES = ['negotiating', 'started', 'topped_out', 'completed'];
const ORG_KINDS: OrgKind[] = ['branch', 'joint_branch', 'temp_branch', 'guidance_station', 'party_committee'];
const WRITES = [
  'firm',
  'project',
  'person',
  'link',
  'org_under_firm',
  'project_stage',
  'project_branch',
  'project_owner',
  'project_commissioner',
  'close_org',
  'close_firm',
  'end_link',
  'move_person',
  'person_status',
  'rename_org',
] as const;

const asActor = (path: string) => ({ scope: { path } }) as unknown as Actor;

describe('coverage classified in the database equals the full recomputation', () => {
  // confined: every project, owner, employer and link inside one region, so the region reads the stored classes
  for (const [seed, confined] of [
    [1, false],
    [2, false],
    [3, false],
    [4, true],
    [5, true],
  ] as const) {
    it(`random sequence ${seed}${confined ? ' (one region)' : ''}: after each kind of write`, async () => {
      const r = rng(seed);
      const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(r() * xs.length)] : undefined);
      const db = t.ctx.db;
      const w = await buildRegion(t.ctx);
      const other = await buildRegion(t.ctx);
      const townC = await buildUnit(t.ctx, { parentId: w.region.id, kind: 'township', name: `丙镇${uid()}` });
      const towns = confined ? [w.townA, w.townB, townC] : [w.townA, w.townB, townC, other.townA];
      const user = await buildUser(t.ctx, { unitId: w.region.id });
      const firms: Array<{ id: number; path: string }> = confined ? [w.firm] : [w.firm, other.firm];
      const orgs: Array<{ id: number }> = [];
      const projectIds: number[] = [];
      const personIds: number[] = [];
      const linkIds: number[] = [];
      const regionOf = (town: { id: number }) => (town.id === other.townA.id ? other.region.id : w.region.id);
      const newOrg = async (parentId: number) => {
        const o = await buildUnit(t.ctx, { parentId, kind: pick(ORG_KINDS)!, name: `党组织${uid()}` });
        orgs.push(o);
        return o;
      };
      for (const town of towns) await newOrg(town.id);

      const write = async (kind: (typeof WRITES)[number]) => {
        switch (kind) {
          case 'firm': {
            const town = pick(towns)!;
            firms.push(
              await buildUnit(t.ctx, {
                parentId: town.id,
                kind: 'firm',
                name: `企业${uid()}`,
                lng: 113 + r() * 0.05,
                lat: 34 + r() * 0.05,
                industry: pick(['物流', '新材料', '食品加工']),
              }),
            );
            return;
          }
          case 'project': {
            const town = pick(towns)!;
            const p = await buildProject(t.ctx, {
              regionId: regionOf(town),
              townshipId: town.id,
              stage: pick(STAGES)!,
              ...(r() < 0.5 && firms.length ? { ownerFirmUnitId: pick(firms)!.id } : {}),
              ...(r() < 0.3 && orgs.length ? { partyBranchUnitId: pick(orgs)!.id } : {}),
              ...(r() < 0.3 ? { commissionerUserId: user.id } : {}),
              ...(r() < 0.8 ? { lng: 113 + r() * 0.05, lat: 34 + r() * 0.05 } : {}),
            });
            projectIds.push(p.id);
            return;
          }
          case 'person': {
            const x = r();
            const [row] = await db
              .insert(people)
              .values({
                name: `党员${uid()}`,
                politicalStatus: r() < 0.85 ? 'full' : 'probationary',
                relationOrgUnitId: r() < 0.8 ? (pick(orgs)?.id ?? null) : null,
                projectId: x < 0.6 ? (pick(projectIds) ?? null) : null,
                employerUnitId: x > 0.4 ? (pick(firms)?.id ?? null) : null,
              })
              .returning({ id: people.id });
            personIds.push(row!.id);
            return;
          }
          case 'link': {
            const org = pick(orgs);
            if (!org) return;
            const toProject = r() < 0.5 && projectIds.length;
            const [row] = await db
              .insert(partyOrgCoverage)
              .values({
                orgUnitId: org.id,
                targetKind: toProject ? 'project' : 'unit',
                projectId: toProject ? pick(projectIds)! : null,
                coveredUnitId: toProject ? null : pick(firms)!.id,
                since: '2026-01-01',
              })
              .returning({ id: partyOrgCoverage.id });
            linkIds.push(row!.id);
            return;
          }
          case 'org_under_firm':
            await newOrg(pick(firms)!.id);
            return;
          case 'project_stage': {
            const id = pick(projectIds);
            if (id)
              await db
                .update(projects)
                .set({ stage: pick(STAGES)! })
                .where(eq(projects.id, id));
            return;
          }
          case 'project_branch': {
            const id = pick(projectIds);
            if (id)
              await db
                .update(projects)
                .set({ partyBranchUnitId: r() < 0.7 ? (pick(orgs)?.id ?? null) : null })
                .where(eq(projects.id, id));
            return;
          }
          case 'project_owner': {
            const id = pick(projectIds);
            if (id)
              await db
                .update(projects)
                .set({ ownerFirmUnitId: r() < 0.8 ? pick(firms)!.id : null })
                .where(eq(projects.id, id));
            return;
          }
          case 'project_commissioner': {
            const id = pick(projectIds);
            if (id)
              await db
                .update(projects)
                .set({ commissionerUserId: r() < 0.5 ? user.id : null })
                .where(eq(projects.id, id));
            return;
          }
          case 'close_org': {
            const o = pick(orgs);
            if (o)
              await db
                .update(orgUnits)
                .set({ closedAt: new Date('2026-06-01') })
                .where(eq(orgUnits.id, o.id));
            return;
          }
          case 'close_firm': {
            const f = pick(firms);
            if (f && r() < 0.5)
              await db
                .update(orgUnits)
                .set({ closedAt: new Date('2026-06-01') })
                .where(eq(orgUnits.id, f.id));
            return;
          }
          case 'end_link': {
            const id = pick(linkIds);
            if (id) await db.update(partyOrgCoverage).set({ until: '2026-06-01' }).where(eq(partyOrgCoverage.id, id));
            return;
          }
          case 'move_person': {
            const id = pick(personIds);
            if (id)
              await db
                .update(people)
                .set({ projectId: pick(projectIds) ?? null, relationOrgUnitId: pick(orgs)?.id ?? null })
                .where(eq(people.id, id));
            return;
          }
          case 'person_status': {
            const id = pick(personIds);
            if (id)
              await db
                .update(people)
                .set({ politicalStatus: pick(['full', 'probationary', 'transferred_out'])! })
                .where(eq(people.id, id));
            return;
          }
          case 'rename_org': {
            const o = pick(orgs);
            if (o)
              await db
                .update(orgUnits)
                .set({ name: `改名${uid()}` })
                .where(eq(orgUnits.id, o.id));
            return;
          }
        }
      };

      const scopes = [w.region.path, w.townA.path, '/', w.firm.path];
      const queries = (townId: number): CoverageQuery[] => [
        { page: 1, pageSize: 500 },
        { page: 2, pageSize: 3 },
        { class: 'needs_joint', townshipId: townId, page: 1, pageSize: 500 },
        { class: 'own_branch', q: '项目', page: 1, pageSize: 500 },
      ];
      // which scopes were answered from the stored classes (not the full statement)
      const stored = new Map<string, number>();
      const compare = async (after: string) => {
        for (const path of scopes)
          for (const q of queries(w.townA.id)) {
            if (await summariseStoredUnits(t.ctx.db, path, { limit: 1, offset: 0 }))
              stored.set(path, (stored.get(path) ?? 0) + 1);
            const fast = await coverageOverview(t.ctx, asActor(path), q);
            const full = await coverageOverviewFromAllUnits(t.ctx, asActor(path), q);
            expect(fast, `after ${after}, scope ${path}, ${JSON.stringify(q)}`).toEqual(full);
          }
      };

      // a base of units first, then every kind of write in a random order, checked after each
      for (let i = 0; i < 12; i++) await write(pick(['firm', 'project', 'project', 'person', 'person'] as const)!);
      for (let i = 0; i < 30; i++) await write(pick(['person', 'person', 'link', 'org_under_firm'] as const)!);
      await compare('the base');
      const order = [...WRITES].sort(() => r() - 0.5);
      for (const kind of order) {
        await write(kind);
        await compare(kind);
      }
      // the sequence reached every class somewhere (else the comparison proves little)
      const all = await coverageOverview(t.ctx, asActor('/'), { page: 1, pageSize: 1 });
      expect(Object.values(all.byClass).filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
      // the root always reads the stored classes; a scope below a township never does; a region whose
      // units depend on nothing outside it does
      const checks = (WRITES.length + 1) * queries(0).length;
      expect(stored.get('/')).toBe(checks);
      expect(stored.get(w.firm.path)).toBeUndefined();
      if (confined) expect(stored.get(w.region.path)).toBe(checks);
    }, 300_000);
  }
});
