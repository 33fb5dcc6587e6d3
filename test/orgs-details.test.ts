import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, orgSetupTasks, orgUnits } from '../src/server/db/schema/index.js';
import { chinaDate, daysBetween } from '../src/domain/dates.js';
import { addWorkingDays } from '../src/domain/calendar.js';
import { buildUnit, buildUser, uid } from './factories.js';
import { t, a, b, zzb, community, communityBranch, townCommittee, person, useOrgsWorld } from './orgs-world.js';

useOrgsWorld();

describe('party organisations: details, warnings, 三同步', () => {
  it('creates a temporary branch for a project: details, officers, coverage, the 三同步 task closed, audited', async () => {
    const p = await zzb.post('/api/projects', {
      name: `项目${uid()}`,
      townshipUnitId: a.townA.id,
      stage: 'started',
      kind: 'industry',
      plannedStart: '2026-03-01',
      plannedEnd: '2027-12-31',
      managerName: '陈经理',
    });
    expect(p.statusCode).toBe(200);
    const projectId = p.json().id as number;
    const [task] = await t.ctx.db.select().from(orgSetupTasks).where(eq(orgSetupTasks.projectId, projectId));
    expect(task).toMatchObject({ status: 'open', managerName: '陈经理' });
    // 三同步: due in 20 working days by the loaded calendar
    const today = chinaDate(t.clock.now());
    expect(task!.dueOn).toBe(addWorkingDays(await t.ctx.calendar.get(), today, 20));
    const listed = (await zzb.get('/api/coverage/setup-tasks?status=open')).json();
    expect(listed.data.find((x: { projectId: number }) => x.projectId === projectId)).toMatchObject({
      managerName: '陈经理',
      daysLeft: daysBetween(today, task!.dueOn),
    });
    const home = (
      await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['commissioner'] })).username)
    ).get('/api/home');
    expect((await home).json().items.map((i: { key: string }) => i.key)).toContain('coverage-setup-tasks');

    const sec = await person({ relation: communityBranch, home: community.id, name: '赵书记' });
    const res = await zzb.post('/api/orgs', {
      parentId: townCommittee,
      kind: 'temp_branch',
      name: `临时党支部${uid()}`,
      establishedOn: '2026-04-01',
      docNo: '甲党〔2026〕1号',
      projectId,
      officers: [{ personId: sec.id, role: 'secretary' }],
    });
    expect(res.statusCode).toBe(200);
    const id = res.json().id as number;
    const [done] = await t.ctx.db.select().from(orgSetupTasks).where(eq(orgSetupTasks.projectId, projectId));
    expect(done).toMatchObject({ status: 'done', orgUnitId: id, secretaryPersonId: sec.id });
    const detail = (await zzb.get(`/api/orgs/${id}`)).json();
    expect(detail.party).toMatchObject({
      establishedOn: '2026-04-01',
      docNo: '甲党〔2026〕1号',
      secretary: '赵书记',
      projectId,
      termYears: null,
    });
    expect(
      detail.party.covered.map((c: { targetKind: string; targetId: number }) => `${c.targetKind}:${c.targetId}`),
    ).toEqual([`project:${projectId}`]);
    expect(detail.warnings.map((w: { code: string }) => w.code)).toEqual(['temp_branch_limits']);
    expect(
      (
        await t.ctx.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entity, 'party_org'), eq(auditLog.entityId, String(id))))
      ).map((r) => r.action),
    ).toEqual(['create']);
  });

  it('the tree carries party details and explained warnings (7 members without a committee, term overdue)', async () => {
    const id = (
      await zzb.post('/api/orgs', {
        parentId: townCommittee,
        kind: 'branch',
        name: `企业党支部${uid()}`,
        termStartedOn: '2023-01-01',
        termYears: 3,
      })
    ).json().id as number;
    for (let i = 0; i < 7; i++) await person({ relation: id });
    await person({ relation: id, status: 'probationary' });
    const tree = (await zzb.get('/api/orgs/tree')).json().data;
    type N = { id: number; children: N[]; party: Record<string, unknown>; warnings: Array<{ zh: string }> };
    const find = (nodes: N[]): N | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const hit = find(n.children);
        if (hit) return hit;
      }
      return undefined;
    };
    const node = find(tree)!;
    expect(node.party).toMatchObject({ formalMembers: 7, relationMembers: 8, nextElectionOn: '2026-01-01' });
    const warnings = node.warnings.map((w: { zh: string }) => w.zh);
    expect(warnings[0]).toBe('正式党员 7 名（≥ 7 名），应设立支部委员会；现有委员 0 名');
    expect(warnings[1]).toMatch(/^应于 2026-01-01 换届，已逾期 \d+ 天$/);
  });

  it('edits details, officers and covered units with an optimistic version; warns when a joint branch covers more than 5 units', async () => {
    const id = (
      await zzb.post('/api/orgs', { parentId: townCommittee, kind: 'joint_branch', name: `联合支部${uid()}` })
    ).json().id as number;
    const firms = [];
    for (let i = 0; i < 6; i++)
      firms.push(await buildUnit(t.ctx, { parentId: a.townA.id, kind: 'firm', name: `小微企业${uid()}` }));
    const sec = await person({ relation: id, name: '钱书记' });
    const v0 = (await zzb.get(`/api/orgs/${id}`)).json().party.version as number;
    const res = await zzb.patch(`/api/orgs/${id}`, {
      version: v0,
      docNo: '甲党〔2026〕9号',
      termStartedOn: '2024-05-01',
      termYears: 3,
      covered: firms.map((f) => ({ kind: 'unit', id: f.id })),
      officers: [{ personId: sec.id, role: 'secretary' }],
    });
    expect(res.statusCode).toBe(200);
    const d = (await zzb.get(`/api/orgs/${id}`)).json();
    expect(d.party).toMatchObject({
      docNo: '甲党〔2026〕9号',
      nextElectionOn: '2027-05-01',
      secretary: '钱书记',
      version: v0 + 1,
    });
    expect(d.warnings.map((w: { code: string; zh: string }) => w.zh)).toEqual([
      '联合党支部覆盖 6 个单位，一般不超过 5 个',
    ]);
    expect((await zzb.patch(`/api/orgs/${id}`, { version: v0, docNo: 'x' })).statusCode).toBe(409);
    const less = await zzb.patch(`/api/orgs/${id}`, {
      covered: firms.slice(0, 2).map((f) => ({ kind: 'unit', id: f.id })),
    });
    expect(less.statusCode).toBe(200);
    expect((await zzb.get(`/api/orgs/${id}`)).json().party.covered).toHaveLength(2);
    expect(
      (
        await t.ctx.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entity, 'party_org'), eq(auditLog.entityId, String(id))))
      ).map((r) => r.action),
    ).toEqual(['create', 'update', 'update']);
  });

  it('an org may be placed only under the kinds that may hold it: 400 naming both kinds, nothing created', async () => {
    const branch = (
      await zzb.post('/api/orgs', { parentId: townCommittee, kind: 'branch', name: `支部${uid()}` })
    ).json().id as number;
    const group = await zzb.post('/api/orgs', { parentId: branch, kind: 'party_group', name: `党小组${uid()}` });
    expect(group.statusCode).toBe(200);
    const name = `错位党委${uid()}`;
    const bad = await zzb.post('/api/orgs', { parentId: group.json().id, kind: 'party_committee', name });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^上级组织：党小组下不能设立党委（党委只能设在.+）$/);
    expect(await t.ctx.db.select().from(orgUnits).where(eq(orgUnits.name, name))).toHaveLength(0);
    const underBranch = await zzb.post('/api/orgs', { parentId: branch, kind: 'general_branch', name: `总支${uid()}` });
    expect(underBranch.statusCode).toBe(400);
    expect(underBranch.json().message).toMatch(/^上级组织：党支部下不能设立党总支/);
    // a transform that would put a 党支部 under a 党小组 is refused too
    const stray = await buildUnit(t.ctx, { parentId: group.json().id, kind: 'temp_branch', name: `临时${uid()}` });
    const tr = await zzb.post(`/api/orgs/${stray.id}/transform`, { into: 'community', name: `社区支部${uid()}` });
    expect(tr.statusCode).toBe(400);
    expect(tr.json().message).toMatch(/^上级组织：党小组下不能设立党支部/);
  });

  it('404 for an org outside the scope; 400 in Chinese; 403 without orgs.write', async () => {
    const other = await buildUnit(t.ctx, { parentId: b.townA.id, kind: 'branch', name: `外区支部${uid()}` });
    expect((await zzb.get(`/api/orgs/${other.id}/close-plan`)).statusCode).toBe(404);
    expect((await zzb.post(`/api/orgs/${other.id}/close`, {})).statusCode).toBe(404);
    expect((await zzb.post('/api/orgs', { parentId: b.townA.id, kind: 'branch', name: '外区新支部' })).statusCode).toBe(
      404,
    );
    const bad = await zzb.post('/api/orgs', { parentId: a.townA.id, kind: 'branch', name: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/名称：至少需要 2 个字符$/);
    const leader = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['leader'] })).username);
    expect((await leader.post('/api/orgs', { parentId: a.townA.id, kind: 'branch', name: '某支部' })).statusCode).toBe(
      403,
    );
  });
});
