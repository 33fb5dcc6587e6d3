import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { approvalItems, auditLog, projectHistory, projectNodes } from '../src/server/db/schema/index.js';
import { onEvent } from '../src/server/events.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUnit, buildUser, uid } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let b: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;
let leaderId: number;
let commissionerId: number;
const created: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  b = await buildRegion(t.ctx);
  const org = await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] });
  leaderId = (await buildUser(t.ctx, { unitId: a.region.id, roles: ['leader'], displayName: '刘包联' })).id;
  commissionerId = (await buildUser(t.ctx, { unitId: a.townA.id, roles: ['commissioner'], displayName: '张专员' })).id;
  zzb = await t.login(org.username);
  onEvent('project.created', async (_tx, _ctx, _who, e) => void created.push(e.project.id));
});
afterAll(async () => t?.close());

const body = (o: Record<string, unknown> = {}) => ({
  name: `测试项目${uid()}`,
  townshipUnitId: a.townA.id,
  stage: 'started',
  kind: 'industry',
  industry: '食品加工',
  chain: '食品',
  level: 'city',
  totalInvestment: 20000,
  annualPlanInvestment: 6000,
  plannedStart: '2026-03-01',
  plannedEnd: '2027-12-31',
  ...o,
});

describe('project registry', () => {
  it('401 without a session', async () => {
    expect((await t.anonymous().get('/api/projects')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/projects', body())).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/projects/1')).statusCode).toBe(401);
  });

  it('400 with the exact message', async () => {
    const res = await zzb.post('/api/projects', { name: '', stage: 'nowhere' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      '项目名称：至少需要 2 个字符；项目阶段：只能是 negotiating / signed / land / started / topped_out / completed / operating；属地乡镇：必填',
    );
    const kind = await zzb.post('/api/projects', body({ townshipUnitId: a.dept.id }));
    expect(kind.json().message).toBe('属地乡镇：必须是乡镇（街道）');
  });

  it('404 for units and projects of another region', async () => {
    const res = await zzb.post('/api/projects', body({ townshipUnitId: b.townA.id }));
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('属地乡镇不存在或无权查看');
    const otherOrg = await buildUser(t.ctx, { unitId: b.region.id, roles: ['org_dept'] });
    const other = await t.login(otherOrg.username);
    const p = (await other.post('/api/projects', body({ townshipUnitId: b.townA.id }))).json();
    expect((await zzb.get(`/api/projects/${p.id}`)).statusCode).toBe(404);
    expect((await zzb.get(`/api/projects/${p.id}`)).json().message).toBe('项目不存在或无权查看');
    expect((await zzb.get('/api/projects?pageSize=200')).json().data.map((x: { id: number }) => x.id)).not.toContain(
      p.id,
    );
  });

  it('registers a project with nodes, approvals, contractors and a task force; event, history and audit in one go', async () => {
    const zj = await buildUnit(t.ctx, { parentId: a.region.id, kind: 'department', name: '住房和城乡建设局' });
    const branch = await buildUnit(t.ctx, { parentId: a.townA.id, kind: 'temp_branch', name: `临时党支部${uid()}` });
    const res = await zzb.post(
      '/api/projects',
      body({
        partyBranchUnitId: branch.id,
        ownerFirmUnitId: a.firm.id,
        leadUnitId: a.dept.id,
        leaderUserId: leaderId,
        commissionerUserId: commissionerId,
        headquarters: '项目建设指挥部',
        nodePlans: { topped_out: '2026-10-09', completed: '2027-10-31' },
        contractors: [
          { name: '华建集团', role: 'general' },
          { name: '钢构分包公司', role: 'sub', parentIndex: 0 },
        ],
        taskForces: [{ level: 'township', name: '甲镇专班', members: [{ name: '李四', title: '副镇长' }] }],
      }),
    );
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.code).toMatch(/^XM-2026-\d{4}$/);
    expect(p).toMatchObject({
      stage: 'started',
      township: { id: a.townA.id },
      leader: { id: leaderId, name: '刘包联' },
      commissioner: { id: commissionerId, name: '张专员' },
      commissionerRoles: '项目专员 · 党建指导员（双员制）',
      headquarters: '项目建设指挥部',
    });
    expect(p.nodes.map((n: { name: string }) => n.name)).toEqual(['签约', '供地', '开工', '主体封顶', '竣工', '投产']);
    expect(p.nodes.find((n: { stage: string }) => n.stage === 'topped_out')).toMatchObject({
      plannedDate: '2026-10-09',
      status: 'late',
      lateDays: 32,
    });
    expect(p.contractors[1]).toMatchObject({ name: '钢构分包公司', role: 'sub', parentId: p.contractors[0].id });
    expect(p.taskForces[0].members[0].name).toBe('李四');
    // 主体封顶 planned 2026-10-09 and still open on 2026-11-23: far more than 10 working days → red, with the reason
    expect(p.warning.colour).toBe('red');
    expect(p.warning.reasons[0].text).toBe('红色：节点「主体封顶」计划 2026-10-09，已逾期 32 个工作日');
    expect(created).toContain(p.id);
    const items = await t.ctx.db.select().from(approvalItems).where(eq(approvalItems.projectId, p.id));
    expect(items).toHaveLength(7);
    expect(items.find((i) => i.code === 'jungong')).toMatchObject({
      departmentUnitId: zj.id,
      targetDays: 10,
      isAcceptance: true,
    });
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'project'), eq(auditLog.entityId, String(p.id))));
    expect(audit).toMatchObject({ action: 'register' });
    const history = await t.ctx.db.select().from(projectHistory).where(eq(projectHistory.projectId, p.id));
    expect(history.map((h) => h.kind)).toEqual(expect.arrayContaining(['registered', 'warning']));
    const nodes = await t.ctx.db.select().from(projectNodes).where(eq(projectNodes.projectId, p.id));
    expect(nodes).toHaveLength(6);
  });

  it('a stale edit answers 409; a stage change is recorded and raised as an event', async () => {
    const p = (await zzb.post('/api/projects', body({ stage: 'land', plannedStart: '2026-12-01' }))).json();
    const ok = await zzb.patch(`/api/projects/${p.id}`, {
      version: p.version,
      stage: 'started',
      managerName: '王经理',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'started', managerName: '王经理', startedOn: '2026-11-23' });
    const stale = await zzb.patch(`/api/projects/${p.id}`, { version: p.version, name: '改名' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('项目已被他人修改，请刷新后重试');
    const h = (await zzb.get(`/api/projects/${p.id}/history`)).json();
    expect(h.data.map((x: { text: string }) => x.text)).toEqual(
      expect.arrayContaining(['阶段由「供地」变为「开工」', '修改了项目经理']),
    );
  });
});

describe('who sees which projects (one rule)', () => {
  it('a township user sees only its own township’s projects; contractor firms and approval departments see theirs', async () => {
    const inA = (await zzb.post('/api/projects', body())).json();
    const contractorFirm = await buildUnit(t.ctx, { parentId: a.townB.id, kind: 'firm', name: `承建${uid()}` });
    const inB = (
      await zzb.post(
        '/api/projects',
        body({
          townshipUnitId: a.townB.id,
          contractors: [{ name: contractorFirm.name, firmUnitId: contractorFirm.id }],
        }),
      )
    ).json();
    const townUser = await t.login((await buildUser(t.ctx, { unitId: a.townB.id, roles: ['secretary'] })).username);
    const list = (await townUser.get('/api/projects?pageSize=200')).json();
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.every((x: { township: { id: number } }) => x.township.id === a.townB.id)).toBe(true);
    expect((await townUser.get(`/api/projects/${inA.id}`)).statusCode).toBe(404);
    expect((await townUser.get(`/api/projects/${inB.id}`)).statusCode).toBe(200);
    // the contractor firm's contact sees the project it builds, read-only
    const firmUser = await t.login(
      (await buildUser(t.ctx, { unitId: contractorFirm.id, roles: ['firm_contact'] })).username,
    );
    expect((await firmUser.get('/api/projects')).json().data.map((x: { id: number }) => x.id)).toEqual([inB.id]);
    expect((await firmUser.patch(`/api/projects/${inB.id}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    // a department handling one of its approvals sees it (部门报到)
    const dept = await buildUnit(t.ctx, { parentId: a.region.id, kind: 'department', name: `审批局${uid()}` });
    await t.ctx.db
      .update(approvalItems)
      .set({ departmentUnitId: dept.id })
      .where(and(eq(approvalItems.projectId, inA.id), eq(approvalItems.code, 'lixiang')));
    const deptUser = await t.login((await buildUser(t.ctx, { unitId: dept.id, roles: ['dept_handler'] })).username);
    expect((await deptUser.get('/api/projects')).json().data.map((x: { id: number }) => x.id)).toEqual([inA.id]);
  });

  it('the leader and the commissioner see their projects wherever their own scope is', async () => {
    const far = await buildUser(t.ctx, { unitId: b.region.id, roles: ['leader'] });
    const farCommissioner = await buildUser(t.ctx, { unitId: b.townA.id, roles: ['commissioner'] });
    const p = (await zzb.post('/api/projects', body({ leaderUserId: leaderId }))).json();
    // assigning people from another region is refused (404 for the user)
    expect((await zzb.patch(`/api/projects/${p.id}`, { version: p.version, leaderUserId: far.id })).statusCode).toBe(
      404,
    );
    await t.ctx.db.execute(
      sql`update projects set leader_user_id = ${far.id}, commissioner_user_id = ${farCommissioner.id} where id = ${p.id}`,
    );
    expect((await (await t.login(far.username)).get(`/api/projects/${p.id}`)).statusCode).toBe(200);
    expect((await (await t.login(farCommissioner.username)).get(`/api/projects/${p.id}`)).statusCode).toBe(200);
    await t.ctx.db.execute(sql`update projects set leader_user_id = null where id = ${p.id}`);
    expect((await (await t.login(far.username)).get(`/api/projects/${p.id}`)).statusCode).toBe(404);
  });
});

describe('filters', () => {
  it('stage, colour, township, level, chain, leader, pinyin initials', async () => {
    const name = `鲲鹏冷链${uid()}`;
    const p = (
      await zzb.post(
        '/api/projects',
        body({
          name,
          townshipUnitId: a.townB.id,
          level: 'province',
          chain: '冷链',
          leaderUserId: leaderId,
          stage: 'signed',
          plannedStart: '2027-02-01',
        }),
      )
    ).json();
    const ids = async (q: string) =>
      (await zzb.get(`/api/projects?pageSize=200&${q}`)).json().data.map((x: { id: number }) => x.id);
    for (const q of [
      'stage=signed',
      'colour=blue',
      `townshipId=${a.townB.id}`,
      'level=province',
      `chain=${encodeURIComponent('冷链')}`,
      `leaderId=${leaderId}`,
      'q=kpll',
    ])
      expect(await ids(q), q).toContain(p.id);
    for (const q of ['stage=started', 'colour=red', `townshipId=${a.townA.id}`, 'level=county'])
      expect(await ids(q), q).not.toContain(p.id);
    const facets = (await zzb.get('/api/projects/facets')).json();
    expect(facets.chains).toContain('冷链');
    expect(facets.leaders.map((l: { id: number }) => l.id)).toContain(leaderId);
    const page = (await zzb.get('/api/projects?pageSize=2&page=1')).json();
    expect(page).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.data.length).toBeLessThanOrEqual(2);
  });

  it('sorts red first by default', async () => {
    const rows = (await zzb.get('/api/projects?pageSize=200')).json().data as Array<{ warning: { colour: string } }>;
    const rank = { red: 2, yellow: 1, blue: 0 } as Record<string, number>;
    const ranks = rows.map((r) => rank[r.warning.colour] as number);
    expect([...ranks].sort((x, y) => y - x)).toEqual(ranks);
  });
});
