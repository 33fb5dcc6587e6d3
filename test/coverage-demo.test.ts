import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  auditLog,
  coverageProposals,
  orgUnits,
  partyOrgCoverage,
  people,
  projects,
} from '../src/server/db/schema/index.js';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import { haversineKm } from '../src/domain/coverage.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';

let t: TestApp;
let zzb: Agent;
let lingdao: Agent;
const SMALL = Array.from({ length: 16 }, (_, i) => `XM-2026-${101 + i}`);

type Unit = {
  key: string;
  kind: string;
  id: number;
  name: string;
  class: string;
  formalMembers: number;
  byRelation: number;
  byParticipation: number;
  lng: number;
  lat: number;
  industry: string;
  areaId: number;
};
type StoredUnit = { key: string; members: number; lng: number; lat: number; industry: string };
type Proposal = {
  id: number;
  status: string;
  groupKey: string;
  name: string;
  units: StoredUnit[];
  formalMembers: number;
  reasons: Array<{ zh: string }>;
  areaUnitId: number;
};

beforeAll(async () => {
  t = await createTestApp();
  expect(await loadDemoData(t.ctx)).toBe(true);
  zzb = await t.login('zzb', DEMO_PASSWORD);
  lingdao = await t.login('lingdao', DEMO_PASSWORD);
}, 120_000);
afterAll(async () => t?.close());

describe('coverage engine on the demo region (acceptance)', () => {
  it('names the scope whose figures it shows: the region for zzb, the township for its 专员', async () => {
    const region = (await zzb.get('/api/coverage?pageSize=1')).json();
    expect(region.region.name).toBe('先锋经济开发区');
    const zhuanyuan = await t.login('zhuanyuan', DEMO_PASSWORD);
    const town = (await zhuanyuan.get('/api/coverage?pageSize=1')).json();
    expect(town.region.name).toBe('狼山街道');
    // the scope's own figures are its township's: the same numbers under the same name and id
    const own = town.townships.find((x: { id: number }) => x.id === town.region.id);
    expect(own).toMatchObject({ name: '狼山街道', units: town.region.units, orgRate: town.region.orgRate });
    expect(region.townships.map((x: { name: string }) => x.name)).toContain('狼山街道');
  });
  it('classifies: the 16 started 东临 projects each need a joint branch; the food park and the coke firm have their own', async () => {
    const res = await zzb.get('/api/coverage?pageSize=500');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const units = body.units.data as Unit[];
    const codes = await t.ctx.db
      .select({ id: projects.id, code: projects.code })
      .from(projects)
      .where(inArray(projects.code, [...SMALL, 'XM-2026-001']));
    const byCode = new Map(codes.map((c) => [c.code, units.find((u) => u.key === `p:${c.id}`)]));
    for (const c of SMALL) {
      expect(byCode.get(c)?.class).toBe('needs_joint');
      expect(byCode.get(c)!.formalMembers).toBeLessThan(3);
    }
    expect(byCode.get('XM-2026-001')).toMatchObject({ class: 'own_branch' });
    expect(byCode.get('XM-2026-001')!.formalMembers).toBeGreaterThanOrEqual(3);
    expect(byCode.get('XM-2026-001')!.byParticipation).toBe(2);
    const coke = units.find((u) => u.name === '铁山煤焦化有限公司');
    expect(coke).toMatchObject({ class: 'own_branch', byRelation: 8 });
    // the small projects' owner firms are folded into their projects: nobody counted twice
    expect(
      units
        .filter((u) => u.name.endsWith('有限公司') && u.name.startsWith('东临') && u.kind === 'firm')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['东临大健康食品有限公司', '东临新材料有限公司', '东临电子科技有限公司']);
    const total = units.reduce((s, u) => s + u.formalMembers, 0);
    const [counted] = await t.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(people)
      .where(
        and(
          eq(people.politicalStatus, 'full'),
          sql`(${people.projectId} is not null or ${people.employerUnitId} is not null)`,
        ),
      );
    expect(total).toBe(counted!.n);
    expect(body.formulas.orgRate.zh).toMatch(/^组织覆盖率 = /);
    expect(body.byClass.needs_joint).toBeGreaterThanOrEqual(16);
    expect(body.region.units).toBe(units.length);
    expect(body.townships.map((x: { name: string }) => x.name).sort()).toEqual(['东临镇', '狼山街道', '铁山镇'].sort());
  });

  it('proposes joint branches that respect every constraint, deterministically, with reasons', async () => {
    expect((await zzb.get('/api/coverage/proposals')).json()).toMatchObject({ data: [], computedAt: null });
    const computed = await zzb.post('/api/coverage/proposals/recompute');
    expect(computed.statusCode).toBe(200);
    expect(computed.json()).toMatchObject({ computedAt: '2026-11-23T02:00:00.000Z', refreshed: 0, stale: 0 });
    const first = (await zzb.get('/api/coverage/proposals?pageSize=100')).json();
    expect(computed.json().added).toBe(first.total);
    expect(first.computedAt).toBe('2026-11-23T02:00:00.000Z');
    expect((await zzb.post('/api/coverage/proposals/recompute')).json()).toMatchObject({ added: 0, refreshed: 0 });
    const again = (await zzb.get('/api/coverage/proposals?pageSize=100')).json();
    expect(again.data.map((p: Proposal) => [p.id, p.groupKey])).toEqual(
      first.data.map((p: Proposal) => [p.id, p.groupKey]),
    );
    const open = first.data as Proposal[];
    expect(open.length).toBeGreaterThanOrEqual(3);
    const units = (await zzb.get('/api/coverage?pageSize=500')).json().units.data as Unit[];
    const big = new Set(
      units
        .filter((u) => u.formalMembers >= 3 || u.class === 'own_branch' || u.class === 'joint_branch')
        .map((u) => u.key),
    );
    const seen = new Set<string>();
    const smallIds = (
      await t.ctx.db.select({ id: projects.id }).from(projects).where(inArray(projects.code, SMALL))
    ).map((p) => `p:${p.id}`);
    for (const p of open) {
      expect(p.status).toBe('open');
      expect(p.units.length).toBeGreaterThanOrEqual(2);
      expect(p.units.length).toBeLessThanOrEqual(5);
      expect(p.formalMembers).toBeGreaterThanOrEqual(3);
      expect(p.formalMembers).toBeLessThanOrEqual(50);
      expect(p.formalMembers).toBe(p.units.reduce((s, u) => s + u.members, 0));
      expect(new Set(p.units.map((u) => units.find((x) => x.key === u.key)!.areaId)).size).toBe(1);
      for (const u of p.units) {
        expect(big.has(u.key)).toBe(false);
        expect(u.members).toBeLessThan(3);
        expect(seen.has(u.key)).toBe(false);
        seen.add(u.key);
      }
      for (const x of p.units) for (const y of p.units) expect(haversineKm(x, y)).toBeLessThanOrEqual(3);
      expect(p.reasons.map((r) => r.zh).join('\n')).toMatch(/地域相邻：同一乡镇，单位间最远 [\d.]+ 公里/);
    }
    // most of the sixteen end up in a proposal
    expect(smallIds.filter((k) => seen.has(k)).length).toBeGreaterThanOrEqual(12);
  });

  it('accepting an edited proposal creates the joint branch and its links in one transaction; the rate goes up', async () => {
    const before = (await zzb.get('/api/coverage')).json();
    const open = (await zzb.get('/api/coverage/proposals?status=open')).json().data as Proposal[];
    const p =
      open.find((x) => x.units.length >= 3 && x.formalMembers - Math.min(...x.units.map((u) => u.members)) >= 3) ??
      open[0]!;
    const drop =
      p.units.length >= 3 && p.formalMembers - Math.min(...p.units.map((u) => u.members)) >= 3
        ? [...p.units].sort((a, b) => a.members - b.members)[0]!.key
        : undefined;

    // a unit with ≥ 3 members cannot be added
    const units = (await zzb.get('/api/coverage?pageSize=500')).json().units.data as Unit[];
    const coke = units.find((u) => u.name === '铁山煤焦化有限公司')!;
    const bad = await zzb.post(`/api/coverage/proposals/${p.id}/accept`, { addKeys: [coke.key] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toBe(`单位不存在或不在本乡镇的在建项目和企业中：${coke.key}`);
    // leaving one unit breaks the constraints: each named
    const thin = await zzb.post(`/api/coverage/proposals/${p.id}/accept`, {
      removeKeys: p.units.slice(1).map((u) => u.key),
    });
    expect(thin.statusCode).toBe(422);
    expect(thin.json().message).toMatch(/^不符合组建条件：联合党支部至少覆盖 2 个单位；正式党员合计 \d 名，不足 3 名$/);
    expect((await lingdao.post(`/api/coverage/proposals/${p.id}/accept`, {})).statusCode).toBe(403);

    const res = await zzb.post(`/api/coverage/proposals/${p.id}/accept`, {
      name: '东临测试联合党支部',
      ...(drop ? { removeKeys: [drop] } : {}),
    });
    expect(res.statusCode).toBe(200);
    const orgId = res.json().orgUnitId as number;
    const [org] = await t.ctx.db.select().from(orgUnits).where(eq(orgUnits.id, orgId));
    expect(org).toMatchObject({ kind: 'joint_branch', name: '东临测试联合党支部' });
    const kept = p.units.filter((u) => u.key !== drop).map((u) => u.key);
    const links = await t.ctx.db
      .select()
      .from(partyOrgCoverage)
      .where(and(eq(partyOrgCoverage.orgUnitId, orgId), isNull(partyOrgCoverage.until)));
    const projectIds = kept.filter((k) => k.startsWith('p:')).map((k) => Number(k.slice(2)));
    expect(
      links
        .filter((l) => l.targetKind === 'project')
        .map((l) => l.projectId)
        .sort(),
    ).toEqual([...projectIds].sort());
    // owner firms are folded into their projects: only stand-alone firms get their own link
    const firmIds = kept.filter((k) => k.startsWith('f:')).map((k) => Number(k.slice(2)));
    expect(
      links
        .filter((l) => l.targetKind === 'unit')
        .map((l) => l.coveredUnitId)
        .sort(),
    ).toEqual([...firmIds].sort());
    expect(links).toHaveLength(kept.length);
    const detail = (await zzb.get(`/api/orgs/${orgId}`)).json();
    expect(detail.party.participants).toBeGreaterThanOrEqual(3);
    expect(detail.warnings).toEqual([]);
    const withBranch = await t.ctx.db
      .select({ id: projects.id, b: projects.partyBranchUnitId })
      .from(projects)
      .where(inArray(projects.id, projectIds));
    for (const w of withBranch) expect(w.b).toBe(orgId);
    const [row] = await t.ctx.db.select().from(coverageProposals).where(eq(coverageProposals.id, p.id));
    expect(row).toMatchObject({ status: 'accepted', createdOrgUnitId: orgId });
    expect(
      await t.ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'coverage_proposal'), eq(auditLog.entityId, String(p.id)))),
    ).toHaveLength(1);

    const after = (await zzb.get('/api/coverage?pageSize=500')).json();
    expect(after.region.orgCovered).toBe(before.region.orgCovered + kept.length);
    expect(after.region.orgRate).toBeGreaterThan(before.region.orgRate);
    for (const k of kept) expect((after.units.data as Unit[]).find((u) => u.key === k)?.class).toBe('joint_branch');
    const tree = JSON.stringify((await zzb.get('/api/orgs/tree')).json());
    expect(tree).toContain('东临测试联合党支部');
    expect((await zzb.post(`/api/coverage/proposals/${p.id}/accept`, {})).statusCode).toBe(409);
    // recomputation keeps the decided proposal, does not propose its units again
    expect((await zzb.post('/api/coverage/proposals/recompute')).statusCode).toBe(200);
    const next = (await zzb.get('/api/coverage/proposals?pageSize=100')).json().data as Proposal[];
    expect(next.find((x) => x.id === p.id)?.status).toBe('accepted');
    for (const x of next.filter((x) => x.status === 'open')) for (const u of x.units) expect(kept).not.toContain(u.key);
  });

  it('rejects with a reason; 404 out of scope; 400 without a reason', async () => {
    const open = (await zzb.get('/api/coverage/proposals?status=open')).json().data as Proposal[];
    const p = open[0]!;
    const noReason = await zzb.post(`/api/coverage/proposals/${p.id}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe('原因：必填');
    const region = await buildRegion(t.ctx);
    const other = await t.login((await buildUser(t.ctx, { unitId: region.region.id, roles: ['org_dept'] })).username);
    expect((await other.post(`/api/coverage/proposals/${p.id}/reject`, { reason: '不合适' })).statusCode).toBe(404);
    expect((await other.get('/api/coverage/proposals')).json().data).toEqual([]);
    expect((await zzb.post(`/api/coverage/proposals/${p.id}/reject`, { reason: '两家企业即将搬迁' })).statusCode).toBe(
      200,
    );
    const [row] = await t.ctx.db.select().from(coverageProposals).where(eq(coverageProposals.id, p.id));
    expect(row).toMatchObject({ status: 'rejected', decisionNote: '两家企业即将搬迁' });
  });

  it('a township sees its own proposals (the same stored rows); below a township nothing is stored twice', async () => {
    const [dl] = await t.ctx.db.select().from(orgUnits).where(eq(orgUnits.code, 'XF-DL'));
    const [village] = await t.ctx.db.select().from(orgUnits).where(eq(orgUnits.code, 'XF-DL-DL'));
    const town = await t.login((await buildUser(t.ctx, { unitId: dl!.id, roles: ['org_dept'] })).username);
    const low = await t.login((await buildUser(t.ctx, { unitId: village!.id, roles: ['org_dept'] })).username);
    const [before] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(coverageProposals);
    expect((await town.post('/api/coverage/proposals/recompute')).statusCode).toBe(200);
    expect((await low.post('/api/coverage/proposals/recompute')).json()).toMatchObject({ open: 0, added: 0 });
    const mine = (await town.get('/api/coverage/proposals?pageSize=100')).json().data as Proposal[];
    const all = (await zzb.get('/api/coverage/proposals?pageSize=100')).json().data as Proposal[];
    expect(mine.map((p) => p.id).sort()).toEqual(
      all
        .filter((p) => p.areaUnitId === dl!.id)
        .map((p) => p.id)
        .sort(),
    );
    expect((await low.get('/api/coverage/proposals')).json().data).toEqual([]);
    expect((await low.get('/api/coverage/proposals')).json().data).toEqual([]);
    const [after] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(coverageProposals);
    expect(after!.n).toBe(before!.n);
  });

  it('GET /api/coverage/proposals only reads; 重新计算 is a POST that is audited when it changes something', async () => {
    const count = async () => {
      const [p] = await t.ctx.db
        .select({ n: sql<number>`count(*)::int`, v: sql<number>`coalesce(sum(${coverageProposals.version}), 0)::int` })
        .from(coverageProposals);
      const [a] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
      return { proposals: p!.n, versions: p!.v, audit: a!.n };
    };
    // a project in an open proposal moves away: a recomputation would store something
    const open = (await zzb.get('/api/coverage/proposals?status=open')).json().data as Proposal[];
    const key = open.flatMap((p) => p.units.map((u) => u.key)).find((k) => k.startsWith('p:'))!;
    const [one] = await t.ctx.db
      .select()
      .from(projects)
      .where(eq(projects.id, Number(key.slice(2))));
    await t.ctx.db
      .update(projects)
      .set({ lng: one!.lng! + 5 })
      .where(eq(projects.id, one!.id));
    const before = await count();
    for (const url of ['/api/coverage/proposals', '/api/coverage/proposals?status=open', '/api/coverage'])
      expect((await zzb.get(url)).statusCode).toBe(200);
    expect(await count()).toEqual(before);
    expect((await t.anonymous().post('/api/coverage/proposals/recompute')).statusCode).toBe(401);
    const r = (await zzb.post('/api/coverage/proposals/recompute')).json();
    expect(r.stale + r.refreshed + r.added).toBeGreaterThan(0);
    const after = await count();
    expect(after.audit).toBe(before.audit + 1);
    const [row] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'coverage_proposal'), eq(auditLog.action, 'recompute')))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(row!.after).toMatchObject({ added: r.added, refreshed: r.refreshed, stale: r.stale });
    await t.ctx.db.update(projects).set({ lng: one!.lng }).where(eq(projects.id, one!.id));
  });

  it('is documented in the OpenAPI file', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).json();
    for (const path of [
      '/api/coverage',
      '/api/coverage/proposals',
      '/api/coverage/proposals/recompute',
      '/api/coverage/proposals/{id}/accept',
      '/api/coverage/proposals/{id}/reject',
      '/api/orgs/{id}/close-plan',
      '/api/orgs/{id}/close',
      '/api/orgs/{id}/transform',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/coverage'].get.description).toMatch(/组织覆盖率 = /);
    expect(doc.paths['/api/orgs'].post).toBeDefined();
    expect(doc.paths['/api/orgs/{id}'].patch).toBeDefined();
  });

  it('shows the 三同步 tasks; closing the demo food branch is refused naming its members without a home', async () => {
    const tasks = (await zzb.get('/api/coverage/setup-tasks?status=open')).json();
    expect(tasks.total).toBe(2);
    expect(tasks.data[0].daysLeft).toBe(-3);
    const [food] = await t.ctx.db.select().from(orgUnits).where(eq(orgUnits.code, 'P-LS-FOOD'));
    const plan = (await zzb.get(`/api/orgs/${food!.id}/close-plan`)).json();
    expect(plan.withoutDestination.map((m: { name: string }) => m.name).sort()).toEqual(['覃雨桐', '龚晓峰'].sort());
    expect(plan.members.find((m: { name: string }) => m.name === '韩立军').proposed.why).toBe('previous');
    const refused = await zzb.post(`/api/orgs/${food!.id}/close`, {});
    expect(refused.statusCode).toBe(422);
    expect(
      refused
        .json()
        .details.members.map((m: { name: string }) => m.name)
        .sort(),
    ).toEqual(['覃雨桐', '龚晓峰'].sort());
  });
});
