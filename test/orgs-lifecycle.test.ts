import { describe, expect, it } from 'vitest';
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
import { chinaDate } from '../src/domain/dates.js';
import { addWorkingDays } from '../src/domain/calendar.js';
import { buildUnit, buildUser, uid } from './factories.js';
import { t, a, b, zzb, community, communityBranch, townCommittee, person, useOrgsWorld } from './orgs-world.js';

useOrgsWorld();

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
