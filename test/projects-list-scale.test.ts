import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql, type SQL } from 'drizzle-orm';
import { approvalItems, projectContractors, projects } from '../src/server/db/schema/index.js';
import { projectVisibleInList, projectVisibleTo } from '../src/server/modules/projects/project.scope.js';
import { listProjects, projectFacets } from '../src/server/modules/projects/project.repository.js';
import type { OrgKind } from '../src/shared/org-kinds.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildProject, buildRegion, buildUnit, buildUser, uid } from './factories.js';

/**
 * The list's cheaper forms (decision 023-projects): the union form of the visibility rule and the skip-scan
 * facets select exactly what the per-row rule selects; the capped count says when its total is an estimate;
 * the bigram index condition of the search never drops a match.
 */
let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let b: Awaited<ReturnType<typeof buildRegion>>;
type Unit = { id: number; path: string; kind: string };
const actors: Array<{ label: string; userId: number; unit: Unit }> = [];

const scope = (u: Unit) => ({
  unitId: u.id,
  path: u.path,
  kind: 'org' as const,
  unitKind: u.kind as OrgKind,
  name: '',
});

async function idsWhere(w: SQL | undefined): Promise<number[]> {
  const rows = await t.ctx.db.select({ id: projects.id }).from(projects).where(w).orderBy(asc(projects.id));
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  b = await buildRegion(t.ctx);
  const branch = await buildUnit(t.ctx, { parentId: a.townA.id, kind: 'branch', name: `支部${uid()}` });
  const firmB = await buildUnit(t.ctx, { parentId: a.townB.id, kind: 'firm', name: `乙企业${uid()}` });
  const otherFirm = await buildUnit(t.ctx, { parentId: b.townA.id, kind: 'firm', name: `外区企业${uid()}` });
  const leader = await buildUser(t.ctx, { unitId: a.townB.id, roles: ['leader'] });
  const commissioner = await buildUser(t.ctx, { unitId: b.townB.id, roles: ['commissioner'] });
  const chains = ['食品', '新材料', null];
  for (let i = 0; i < 12; i++) {
    const p = await buildProject(t.ctx, {
      regionId: i % 4 === 3 ? b.region.id : a.region.id,
      townshipId: i % 4 === 3 ? b.townA.id : i % 2 ? a.townB.id : a.townA.id,
      name: `${i % 3 ? '智能' : '绿色'}食品项目${i}`,
      ...(i % 5 === 0 ? { partyBranchUnitId: branch.id } : {}),
      ...(i % 3 === 1 ? { ownerFirmUnitId: firmB.id } : {}),
      ...(i % 4 === 2 ? { leadUnitId: a.dept.id } : {}),
      ...(i % 6 === 5 ? { leaderUserId: leader.id } : {}),
      ...(i === 7 ? { commissionerUserId: commissioner.id } : {}),
    });
    await t.ctx.db.execute(sql`update projects set chain = ${chains[i % 3] ?? null} where id = ${p.id}`);
    if (i % 4 === 1)
      await t.ctx.db.insert(projectContractors).values({ projectId: p.id, name: '承建', firmUnitId: a.firm.id });
    if (i === 11)
      await t.ctx.db.insert(projectContractors).values({ projectId: p.id, name: '外区承建', firmUnitId: otherFirm.id });
    if (i % 3 === 0)
      await t.ctx.db.insert(approvalItems).values({
        projectId: p.id,
        code: 'lixiang',
        name: '立项',
        phase: 'preparation',
        seq: 0,
        targetDays: 5,
        departmentUnitId: a.dept.id,
      });
  }
  const units: Array<[string, Unit]> = [
    ['region', a.region],
    ['township A', a.townA],
    ['township B', a.townB],
    ['department', a.dept],
    ['firm', a.firm],
    ['branch', branch],
    ['firm of another region', otherFirm],
    ['other region', b.region],
  ];
  for (const [label, unit] of units) actors.push({ label, userId: 0, unit });
  actors.push({ label: 'leader', userId: leader.id, unit: a.townB });
  actors.push({ label: 'commissioner', userId: commissioner.id, unit: b.townB });
});
afterAll(async () => t?.close());

describe('the project list at scale: same rows, cheaper forms', () => {
  it('the union form of the visibility rule selects exactly what the per-row rule selects, for every kind of actor', async () => {
    for (const x of actors) {
      const who = { userId: x.userId, scope: scope(x.unit) };
      const perRow = await idsWhere(projectVisibleTo(who));
      expect(await idsWhere(projectVisibleInList(who)), x.label).toEqual(perRow);
      expect(perRow.length, x.label).toBeGreaterThan(0);
    }
  });

  it('the facets (skip scan for wide scopes, distinct for narrow ones) are the values among the visible projects', async () => {
    for (const x of actors) {
      const who = { userId: x.userId, scope: scope(x.unit) };
      const rows = await t.ctx.db
        .select({ township: projects.townshipUnitId, chain: projects.chain, leader: projects.leaderUserId })
        .from(projects)
        .where(projectVisibleTo(who));
      const f = await projectFacets(t.ctx.db, who);
      const distinct = <T>(xs: T[]) => [...new Set(xs)].sort();
      expect(distinct(f.townships.map((o) => o.id)), x.label).toEqual(distinct(rows.map((r) => r.township)));
      expect([...f.chains].sort(), x.label).toEqual(distinct(rows.flatMap((r) => (r.chain ? [r.chain] : []))));
      expect(distinct(f.leaders.map((o) => o.id)), x.label).toEqual(
        distinct(rows.flatMap((r) => (r.leader ? [r.leader] : []))),
      );
    }
  });

  it('a capped count is exact up to the cap and an estimate (never below cap + 1) above it', async () => {
    const who = { userId: 0, scope: scope(a.region) };
    const f = { page: 1, pageSize: 2, sort: 'risk' as const };
    const exact = await listProjects(t.ctx.db, who, f, '2026');
    expect(exact.totalExact).toBe(true);
    expect(exact.total).toBe((await idsWhere(projectVisibleTo(who))).length);
    expect(await listProjects(t.ctx.db, who, f, '2026', undefined, { countCap: exact.total })).toMatchObject({
      total: exact.total,
      totalExact: true,
    });
    const capped = await listProjects(t.ctx.db, who, f, '2026', undefined, { countCap: 3 });
    expect(capped.totalExact).toBe(false);
    expect(capped.total).toBeGreaterThanOrEqual(4);
    expect(capped.rows.map((r) => r.project.id)).toEqual(exact.rows.map((r) => r.project.id));
  });

  it('GET /api/projects says whether its total is exact', async () => {
    const user = await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] });
    const org = await t.login(user.username);
    const res = await org.get('/api/projects?pageSize=5');
    expect(res.statusCode).toBe(200);
    const visible = await idsWhere(projectVisibleTo({ userId: user.id, scope: scope(a.region) }));
    expect(res.json()).toMatchObject({ total: visible.length, totalExact: true, page: 1, pageSize: 5 });
  });

  it('the search finds what a substring match finds (bigram index condition, one-character queries, case, LIKE characters)', async () => {
    const who = { userId: 0, scope: scope(a.region) };
    const all = await t.ctx.db
      .select({ id: projects.id, name: projects.name, code: projects.code, pinyin: projects.pinyin })
      .from(projects)
      .where(projectVisibleTo(who));
    const code = all[0]?.code ?? '';
    for (const q of [
      '智能',
      '智',
      '绿色食品',
      'znsp',
      'ZNSP',
      'z',
      'xm-',
      code.slice(3, 9).toUpperCase(),
      '项目1',
      '%',
      '_x',
      '食品 项',
    ]) {
      const want = all
        .filter((p) => [p.name, p.code, p.pinyin].some((s) => s.toLowerCase().includes(q.toLowerCase())))
        .map((p) => p.id)
        .sort((x, y) => x - y);
      const got = await listProjects(t.ctx.db, who, { q, page: 1, pageSize: 200, sort: 'risk' }, '2026');
      expect(
        got.rows.map((r) => r.project.id).sort((x, y) => x - y),
        q,
      ).toEqual(want);
    }
  });
});
