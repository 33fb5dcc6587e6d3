import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, projectWarningMonths } from '../src/server/db/schema/index.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser, uid } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  zzb = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
});
afterAll(async () => t?.close());

describe('warning rules per region', () => {
  it('401 / 403 / 400 with the exact message', async () => {
    expect((await t.anonymous().get('/api/warning-rules')).statusCode).toBe(401);
    const leader = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['leader'] })).username);
    expect((await leader.put('/api/warning-rules', { rules: {}, version: 0 })).statusCode).toBe(403);
    const townOrg = await t.login((await buildUser(t.ctx, { unitId: a.townA.id, roles: ['org_dept'] })).username);
    const rules = (await zzb.get('/api/warning-rules')).json();
    expect(rules).toMatchObject({
      version: 0,
      rules: {
        nodeYellowDays: 1,
        nodeRedDays: 10,
        progressYellowPoints: 10,
        progressRedPoints: 30,
        notStartedYellowMonths: 1,
        notStartedRedMonths: 3,
      },
    });
    const denied = await townOrg.put('/api/warning-rules', { rules: rules.rules, version: 0 });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toBe(`只有「${a.region.name}」的组织部可以修改预警规则`);
    const bad = await zzb.put('/api/warning-rules', { rules: { ...rules.rules, nodeRedDays: 0 }, version: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('预警规则：节点红色阈值不能小于黄色起点');
    const missing = await zzb.put('/api/warning-rules', { rules: { nodeYellowDays: 1 }, version: 0 });
    expect(missing.json().message).toBe(
      '节点红色阈值（工作日）：必填；进度黄色起点（百分点）：必填；进度红色阈值（百分点）：必填；未开工黄色（月）：必填；未开工红色（月）：必填',
    );
  });

  it('changing a rule recomputes the region’s colours now and keeps earlier months as they were', async () => {
    const other = await buildRegion(t.ctx);
    const otherOrg = await t.login((await buildUser(t.ctx, { unitId: other.region.id, roles: ['org_dept'] })).username);
    const reg = async (agent: Agent, townshipUnitId: number) =>
      (
        await agent.post('/api/projects', {
          name: `规则项目${uid()}`,
          townshipUnitId,
          stage: 'started',
          plannedStart: '2026-03-01',
          plannedEnd: '2027-12-31',
          nodePlans: { topped_out: '2026-11-17' },
        })
      ).json();
    // 主体封顶 planned Tue 17 Nov, open on Mon 23 Nov: 4 working days late → yellow under the defaults
    const p = await reg(zzb, a.townA.id);
    const q = await reg(otherOrg, other.townA.id);
    expect([p.warning.colour, q.warning.colour]).toEqual(['yellow', 'yellow']);
    await t.ctx.db.insert(projectWarningMonths).values({
      projectId: p.id,
      month: '2026-10',
      colour: 'blue',
      worstColour: 'blue',
      reasons: [],
      rulesVersion: 0,
      computedAt: new Date('2026-10-31T10:00:00Z'),
    });

    const current = (await zzb.get('/api/warning-rules')).json();
    const res = await zzb.put('/api/warning-rules', {
      rules: { ...current.rules, nodeRedDays: 3 },
      version: current.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().recomputed).toBeGreaterThanOrEqual(1);

    const after = (await zzb.get(`/api/projects/${p.id}`)).json();
    expect(after.warning.colour).toBe('red');
    expect(after.warning.reasons[0].text).toBe('红色：节点「主体封顶」计划 2026-11-17，已逾期 4 个工作日');
    // another region's project follows its own (default) rules
    expect((await otherOrg.get(`/api/projects/${q.id}`)).json().warning.colour).toBe('yellow');
    const months = (await zzb.get(`/api/projects/${p.id}/warnings`)).json().data;
    expect(
      months.map((m: { month: string; colour: string; worstColour: string; rulesVersion: number }) => [
        m.month,
        m.colour,
        m.worstColour,
        m.rulesVersion,
      ]),
    ).toEqual([
      ['2026-10', 'blue', 'blue', 0],
      ['2026-11', 'red', 'red', 1],
    ]);
    const history = (await zzb.get(`/api/projects/${p.id}/history?kind=warning`)).json().data;
    expect(history[0].text).toBe(
      '预警规则调整：预警由黄色变为红色（红色：节点「主体封顶」计划 2026-11-17，已逾期 4 个工作日）',
    );
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'warning_rules'), eq(auditLog.entityId, String(a.region.id))));
    expect(audit).toMatchObject({ action: 'update' });

    // relaxing the rules again: the colour follows, the month remembers it was red
    const stale = await zzb.put('/api/warning-rules', { rules: current.rules, version: current.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('预警规则已被他人修改，请刷新后重试');
    await zzb.put('/api/warning-rules', {
      rules: { ...current.rules, nodeYellowDays: 5, nodeRedDays: 10 },
      version: current.version + 1,
    });
    expect((await zzb.get(`/api/projects/${p.id}`)).json().warning.colour).toBe('blue');
    const [nov] = await t.ctx.db
      .select()
      .from(projectWarningMonths)
      .where(and(eq(projectWarningMonths.projectId, p.id), eq(projectWarningMonths.month, '2026-11')));
    expect(nov).toMatchObject({ colour: 'blue', worstColour: 'red', rulesVersion: 2 });
  });
});
