import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  auditLog,
  notifications,
  orgSetupTasks,
  orgUnits,
  partyOrgs,
  people,
  personEvents,
  personParticipations,
  projects,
} from '../src/server/db/schema/index.js';
import { pinyinKey } from '../src/shared/pinyin.js';
import { chinaDate, daysBetween } from '../src/domain/dates.js';
import { addWorkingDays } from '../src/domain/calendar.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUnit, buildUser, uid } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let b: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;
let community: { id: number };
let communityBranch: number;
let townCommittee: number;

async function person(o: {
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

describe('life cycle: close and transform (acceptance)', () => {
  it('notifies the organisation department when the project of a temporary branch is completed', async () => {
    const p = (
      await zzb.post('/api/projects', {
        name: `竣工项目${uid()}`,
        townshipUnitId: a.townA.id,
        stage: 'started',
        kind: 'industry',
        plannedStart: '2026-03-01',
        plannedEnd: '2026-12-31',
      })
    ).json();
    const branch = (
      await zzb.post('/api/orgs', {
        parentId: townCommittee,
        kind: 'temp_branch',
        name: `临时支部${uid()}`,
        projectId: p.id,
      })
    ).json().id as number;
    const detail = (await zzb.get(`/api/projects/${p.id}`)).json();
    expect(
      (
        await zzb.patch(`/api/projects/${p.id}`, {
          version: detail.version,
          stage: 'completed',
          completionReason: '提前竣工',
        })
      ).statusCode,
    ).toBe(200);
    const [n] = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.entity, 'party_org'), eq(notifications.entityId, String(branch))));
    expect(n?.titleZh).toMatch(/已竣工，「临时支部.+」请转型或撤销$/);
    expect((await zzb.get('/api/home')).json().items.map((i: { key: string }) => i.key)).toContain('orgs-lifecycle');
    expect(
      (await zzb.get('/api/orgs/lifecycle')).json().data.find((x: { id: number }) => x.id === branch),
    ).toMatchObject({ kind: 'temp_branch', projects: [p.name] });
  });

  it('refuses to close with the exact list of members who have nowhere to go, changes nothing; then closes with every relation moved', async () => {
    const branch = (
      await zzb.post('/api/orgs', { parentId: townCommittee, kind: 'temp_branch', name: `待撤临时支部${uid()}` })
    ).json().id as number;
    const prevOrg = (
      await zzb.post('/api/orgs', { parentId: townCommittee, kind: 'branch', name: `原支部${uid()}` })
    ).json().id as number;
    const withHome = [
      await person({ relation: branch, home: community.id }),
      await person({ relation: branch, home: community.id, status: 'probationary' }),
    ];
    const cameBack = await person({ relation: branch });
    await t.ctx.db.insert(personEvents).values({
      personId: cameBack.id,
      kind: 'relation_moved',
      on: '2026-01-01',
      text: { zh: 'x', en: 'x' },
      data: { fromOrgUnitId: prevOrg, toOrgUnitId: branch },
    });
    const nowhere = [
      await person({ relation: branch, name: '无处甲' }),
      await person({ relation: branch, home: a.townB.id, name: '无处乙' }),
    ];
    const guest = await person({ relation: communityBranch, home: community.id });
    await t.ctx.db.insert(personParticipations).values({ personId: guest.id, orgUnitId: branch, since: '2026-01-01' });

    const plan = (await zzb.get(`/api/orgs/${branch}/close-plan`)).json();
    expect(plan.members).toHaveLength(5);
    expect(plan.withoutDestination.map((m: { personId: number }) => m.personId).sort()).toEqual(
      nowhere.map((p) => p.id).sort(),
    );
    type M = { personId: number; proposed: { orgUnitId: number; why: string } | null };
    const byId = new Map((plan.members as M[]).map((m) => [m.personId, m]));
    expect(byId.get(withHome[0]!.id)?.proposed).toMatchObject({ orgUnitId: communityBranch, why: 'home' });
    expect(byId.get(cameBack.id)?.proposed).toMatchObject({ orgUnitId: prevOrg, why: 'previous' });
    expect(plan.fallbacks.map((f: { orgUnitId: number }) => f.orgUnitId)).toContain(townCommittee);
    expect(plan.participants).toBe(1);

    const refused = await zzb.post(`/api/orgs/${branch}/close`, {});
    expect(refused.statusCode).toBe(422);
    expect(
      refused
        .json()
        .details.members.map((m: { personId: number }) => m.personId)
        .sort(),
    ).toEqual(nowhere.map((p) => p.id).sort());
    expect(refused.json().message).toMatch(/^以下 2 名党员的组织关系没有去向，不能撤销：/);
    expect(refused.json().message).toContain('无处甲');
    expect(refused.json().message).toContain('无处乙');
    const still = await t.ctx.db.select().from(people).where(eq(people.relationOrgUnitId, branch));
    expect(still).toHaveLength(5);
    const [open] = await t.ctx.db.select().from(orgUnits).where(eq(orgUnits.id, branch));
    expect(open?.closedAt).toBeNull();

    // a destination outside the scope is no destination
    const outside = await buildUnit(t.ctx, { parentId: b.townA.id, kind: 'branch', name: `外区支部${uid()}` });
    const still422 = await zzb.post(`/api/orgs/${branch}/close`, {
      destinations: nowhere.map((p) => ({ personId: p.id, orgUnitId: outside.id })),
    });
    expect(still422.statusCode).toBe(422);

    const ok = await zzb.post(`/api/orgs/${branch}/close`, {
      destinations: nowhere.map((p) => ({ personId: p.id, orgUnitId: townCommittee })),
      reason: '项目竣工',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ moved: 5 });
    const former = await t.ctx.db
      .select()
      .from(people)
      .where(
        inArray(
          people.id,
          [...withHome, cameBack, ...nowhere].map((p) => p.id),
        ),
      );
    const paths = new Map(
      (
        await t.ctx.db
          .select()
          .from(orgUnits)
          .where(inArray(orgUnits.id, [communityBranch, prevOrg, townCommittee]))
      ).map((u) => [u.id, u]),
    );
    for (const p of former) {
      expect(p.relationOrgUnitId).not.toBeNull();
      const org = paths.get(p.relationOrgUnitId!);
      expect(org?.closedAt).toBeNull();
      expect(p.orgPath).toBe(org?.path);
    }
    const want = new Map([
      ...withHome.map((p) => [p.id, communityBranch] as const),
      [cameBack.id, prevOrg],
      ...nowhere.map((p) => [p.id, townCommittee] as const),
    ]);
    for (const p of former) expect(p.relationOrgUnitId).toBe(want.get(p.id));
    const events = await t.ctx.db
      .select()
      .from(personEvents)
      .where(
        and(
          eq(personEvents.kind, 'relation_moved'),
          inArray(
            personEvents.personId,
            former.map((p) => p.id),
          ),
        ),
      );
    expect(events.filter((e) => (e.data as { fromOrgUnitId: number }).fromOrgUnitId === branch)).toHaveLength(5);
    expect(
      await t.ctx.db
        .select()
        .from(personParticipations)
        .where(and(eq(personParticipations.orgUnitId, branch), isNull(personParticipations.until))),
    ).toHaveLength(0);
    const [closed] = await t.ctx.db.select().from(orgUnits).where(eq(orgUnits.id, branch));
    expect(closed?.closedAt).not.toBeNull();
    const [det] = await t.ctx.db.select().from(partyOrgs).where(eq(partyOrgs.unitId, branch));
    expect(det).toMatchObject({ status: 'closed', closeReason: '项目竣工' });
    expect((await zzb.post(`/api/orgs/${branch}/close`, {})).statusCode).toBe(409);
  });

  it('closing a branch unbinds its projects: the 三同步 task reopens for a project under way, not for a completed one; audited; the commissioner told', async () => {
    const commissioner = await buildUser(t.ctx, { unitId: a.region.id, roles: ['commissioner'] });
    const mk = async (name: string) =>
      (
        await zzb.post('/api/projects', {
          name: `${name}${uid()}`,
          townshipUnitId: a.townA.id,
          stage: 'started',
          kind: 'industry',
          plannedStart: '2026-03-01',
          plannedEnd: '2027-12-31',
          commissionerUserId: commissioner.id,
        })
      ).json().id as number;
    const underWay = await mk('在建项目');
    const finished = await mk('已竣工项目');
    const elsewhere = await mk('另有支部项目');
    const branch = (
      await zzb.post('/api/orgs', {
        parentId: townCommittee,
        kind: 'joint_branch',
        name: `待撤联合支部${uid()}`,
        covered: [
          { kind: 'project', id: underWay },
          { kind: 'project', id: finished },
          { kind: 'project', id: elsewhere },
        ],
      })
    ).json().id as number;
    const other = (
      await zzb.post('/api/orgs', {
        parentId: townCommittee,
        kind: 'branch',
        name: `另一支部${uid()}`,
        covered: [{ kind: 'project', id: elsewhere }],
      })
    ).json().id as number;
    await t.ctx.db.update(projects).set({ stage: 'completed' }).where(eq(projects.id, finished));
    const tasksOf = async () =>
      new Map(
        (
          await t.ctx.db
            .select()
            .from(orgSetupTasks)
            .where(inArray(orgSetupTasks.projectId, [underWay, finished, elsewhere]))
        ).map((r) => [r.projectId, r]),
      );
    for (const task of (await tasksOf()).values()) expect(task).toMatchObject({ status: 'done', orgUnitId: branch });

    // the first due date has passed; a reopened task is counted again from today
    await t.ctx.db.update(orgSetupTasks).set({ dueOn: '2026-10-01' }).where(eq(orgSetupTasks.projectId, underWay));
    const ok = await zzb.post(`/api/orgs/${branch}/close`, { reason: '合并' });
    expect(ok.statusCode).toBe(200);
    const rows = new Map(
      (
        await t.ctx.db
          .select()
          .from(projects)
          .where(inArray(projects.id, [underWay, finished, elsewhere]))
      ).map((r) => [r.id, r]),
    );
    expect(rows.get(underWay)?.partyBranchUnitId).toBeNull();
    expect(rows.get(finished)?.partyBranchUnitId).toBeNull();
    // still covered by an active branch: that branch takes over, no task reopens
    expect(rows.get(elsewhere)?.partyBranchUnitId).toBe(other);
    const today = chinaDate(t.clock.now());
    const tasks = await tasksOf();
    expect(tasks.get(underWay)).toMatchObject({
      status: 'open',
      doneOn: null,
      orgUnitId: null,
      dueOn: addWorkingDays(await t.ctx.calendar.get(), today, 20),
    });
    expect(tasks.get(finished)).toMatchObject({ status: 'done', orgUnitId: branch });
    expect(tasks.get(elsewhere)).toMatchObject({ status: 'done' });
    const audits = await t.ctx.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'project'),
          eq(auditLog.action, 'unbind_branch'),
          inArray(auditLog.entityId, [underWay, finished, elsewhere].map(String)),
        ),
      );
    expect(audits.map((r) => Number(r.entityId)).sort((x, y) => x - y)).toEqual(
      [underWay, finished, elsewhere].sort((x, y) => x - y),
    );
    const told = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, commissioner.id), eq(notifications.kind, 'coverage.setup')));
    expect(told.map((n) => n.entityId)).toEqual([String(underWay)]);
    expect(told[0]?.titleZh).toMatch(/已撤销，「在建项目.+」须重新建立党组织（三同步）$/);
    const listed = (await zzb.get('/api/coverage/setup-tasks?status=open')).json();
    expect(listed.data.some((x: { projectId: number }) => x.projectId === underWay)).toBe(true);
  });

  it('after a transform every former member has exactly one relation, in the same (now 社区) branch', async () => {
    const branch = (
      await zzb.post('/api/orgs', { parentId: townCommittee, kind: 'joint_branch', name: `联合支部${uid()}` })
    ).json().id as number;
    const members = [
      await person({ relation: branch }),
      await person({ relation: branch, home: community.id }),
      await person({ relation: branch, status: 'probationary' }),
    ];
    const res = await zzb.post(`/api/orgs/${branch}/transform`, {
      into: 'community',
      name: `幸福里社区党支部${uid()}`,
    });
    expect(res.statusCode).toBe(200);
    const [unit] = await t.ctx.db.select().from(orgUnits).where(eq(orgUnits.id, branch));
    expect(unit?.kind).toBe('branch');
    expect(unit?.closedAt).toBeNull();
    const rows = await t.ctx.db
      .select()
      .from(people)
      .where(
        inArray(
          people.id,
          members.map((m) => m.id),
        ),
      );
    expect(rows).toHaveLength(3);
    for (const p of rows) {
      expect(p.relationOrgUnitId).toBe(branch);
      expect(p.orgPath).toBe(unit?.path);
    }
    const [det] = await t.ctx.db.select().from(partyOrgs).where(eq(partyOrgs.unitId, branch));
    expect(det).toMatchObject({ status: 'active', transformedInto: 'community' });
    expect(
      (
        await t.ctx.db
          .select()
          .from(personEvents)
          .where(
            and(
              eq(personEvents.kind, 'org_transformed'),
              inArray(
                personEvents.personId,
                members.map((m) => m.id),
              ),
            ),
          )
      ).length,
    ).toBe(3);
    const bad = await zzb.post(`/api/orgs/${townCommittee}/transform`, { into: 'building', name: '某楼宇党支部' });
    expect(bad.statusCode).toBe(422);
  });
});
