import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { nextId, peopleWorld } from './people-helpers.js';
import { auditLog, notifications } from '../src/server/db/schema/index.js';
import { sendPipelineReminders } from '../src/server/modules/people/pipeline.service.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let orgDept: Agent;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-23T02:00:00Z');
  w = await peopleWorld(t);
  orgDept = await t.login(w.orgDept.username);
});
afterAll(async () => t?.close());

async function newPerson(name: string, relationOrgUnitId = w.branchA.id) {
  const res = await orgDept.post('/api/people', {
    name,
    idNumber: nextId(),
    politicalStatus: 'masses',
    relationOrgUnitId,
    isWorker: true,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { id: number };
}
const step = (id: number, body: Record<string, unknown>) => orgDept.post(`/api/people/${id}/pipeline`, body);
const intro = [{ name: '介绍人甲' }, { name: '介绍人乙' }];

describe('development pipeline', () => {
  it('walks every stage; an extended probation moves the due date; a second extension is refused', async () => {
    const p = await newPerson('韩梅梅');
    expect((await step(p.id, { step: 'activist', on: '2024-01-01' })).statusCode).toBe(409);
    let d = (await step(p.id, { step: 'apply', on: '2024-01-02' })).json();
    expect(d.politicalStatus).toBe('applicant');
    d = (await step(p.id, { step: 'talk', on: '2024-03-10' })).json();
    expect(d.development.warnings.map((x: { code: string }) => x.code)).toEqual(['talk_late']);
    expect(
      (await step(p.id, { step: 'activist', on: '2024-04-01', contacts: [{ name: '联系人丙' }, { name: '联系人丁' }] }))
        .statusCode,
    ).toBe(200);
    d = (await step(p.id, { step: 'candidate', on: '2025-04-01' })).json();
    expect(d.politicalStatus).toBe('candidate');
    const noIntro = await step(p.id, { step: 'admit', on: '2025-07-01', introducers: [{ name: '介绍人甲' }] });
    expect(noIntro.statusCode).toBe(400);
    expect(noIntro.json().message).toBe('入党介绍人：接收预备党员需要2名入党介绍人');
    d = (await step(p.id, { step: 'admit', on: '2025-07-01', introducers: intro })).json();
    expect(d.politicalStatus).toBe('probationary');
    expect(d.development.next).toMatchObject({ key: 'full', dueOn: '2026-07-01', status: 'overdue' });
    expect(
      (await step(p.id, { step: 'extend', on: '2026-06-20', extensionMonths: 5, reason: '考察' })).statusCode,
    ).toBe(409);
    d = (await step(p.id, { step: 'extend', on: '2026-06-20', extensionMonths: 9, reason: '需继续考察' })).json();
    expect(d.development.probationEndsOn).toBe('2027-04-01');
    expect(d.development.next).toEqual({
      key: 'full',
      dueOn: '2027-04-01',
      status: 'waiting',
      text: '2025-07-01接收为预备党员，预备期一年，已延长预备期9个月，应于2027-04-01讨论转正',
    });
    const second = await step(p.id, { step: 'extend', on: '2026-06-21', extensionMonths: 6, reason: '再延' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toBe('预备期只能延长一次');
    expect(d.development.introducers).toEqual(intro);
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'pipeline_apply',
      'pipeline_talk',
      'pipeline_activist',
      'pipeline_candidate',
      'pipeline_admit',
      'pipeline_extend',
      'registered',
    ]);
    d = (await step(p.id, { step: 'full', on: '2026-11-20', confirmEarly: true, reason: '组织决定提前讨论' })).json();
    expect(d.politicalStatus).toBe('full');
    expect(d.development.next).toBeNull();
  });

  it('an early 发展对象 answers 409 naming the dates; confirmed with a reason it is recorded, evented and audited', async () => {
    const p = await newPerson('李雷');
    await step(p.id, { step: 'apply', on: '2025-09-01' });
    await step(p.id, { step: 'activist', on: '2025-10-01' });
    const warned = await step(p.id, { step: 'candidate', on: '2026-05-01' });
    expect(warned.statusCode).toBe(409);
    expect(warned.json()).toMatchObject({
      code: 'CONFLICT',
      message:
        '2025-10-01确定为入党积极分子，培养考察不满一年：2026-05-01列为发展对象早于2026-10-01。确需提前，请确认并填写理由',
      details: { warning: 'candidate_early', earliest: '2026-10-01', on: '2026-05-01' },
    });
    const noReason = await step(p.id, { step: 'candidate', on: '2026-05-01', confirmEarly: true, reason: '好' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe('理由：提前办理须说明理由（至少5个字）');
    expect((await orgDept.get(`/api/people/${p.id}`)).json().politicalStatus).toBe('activist');
    const d = await step(p.id, {
      step: 'candidate',
      on: '2026-05-01',
      confirmEarly: true,
      reason: '支委会研究同意提前',
    });
    expect(d.statusCode).toBe(200);
    expect(d.json().politicalStatus).toBe('candidate');
    expect(d.json().development.warnings[0].text).toBe(
      '列为发展对象（2026-05-01）时培养考察不满一年（应不早于2026-10-01）',
    );
    expect(d.json().timeline.find((e: { kind: string }) => e.kind === 'pipeline_candidate').text).toBe(
      '列为发展对象（早于2026-10-01，经确认提前办理：支委会研究同意提前）',
    );
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'development_record'), eq(auditLog.entityId, String(p.id))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.after).toMatchObject({
      step: 'candidate',
      early: { code: 'candidate_early', earliest: '2026-10-01', reason: '支委会研究同意提前' },
    });
  });

  it('转正 before the probation ends answers 409 with both dates; on or after the end it needs no confirmation', async () => {
    const early = await newPerson('预备甲');
    const onTime = await newPerson('预备乙');
    for (const p of [early, onTime]) {
      await step(p.id, { step: 'apply', on: '2023-01-02' });
      await step(p.id, { step: 'activist', on: '2023-03-01' });
      await step(p.id, { step: 'candidate', on: '2024-03-01' });
      await step(p.id, { step: 'admit', on: '2025-11-20', introducers: intro }); // probation ends 2026-11-20
    }
    const warned = await step(early.id, { step: 'full', on: '2026-11-19' });
    expect(warned.statusCode).toBe(409);
    expect(warned.json().message).toBe(
      '2025-11-20接收为预备党员，预备期至2026-11-20期满：2026-11-19转正早于预备期满。确需提前，请确认并填写理由',
    );
    expect(warned.json().details).toEqual({ warning: 'full_early', earliest: '2026-11-20', on: '2026-11-19' });
    const confirmed = await step(early.id, {
      step: 'full',
      on: '2026-11-19',
      confirmEarly: true,
      reason: '党委会议决定提前讨论',
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().development.warnings.map((w: { code: string }) => w.code)).toEqual(['full_early']);
    const due = await step(onTime.id, { step: 'full', on: '2026-11-20' });
    expect(due.statusCode).toBe(200);
    expect(due.json().politicalStatus).toBe('full');
    expect(due.json().development.warnings).toEqual([]);
  });

  it('a temporary branch cannot recruit', async () => {
    const p = await newPerson('临时工', w.tempA.id);
    const res = await step(p.id, { step: 'apply', on: '2026-11-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('是临时党支部，不能发展党员');
  });

  it('per org: who is at which stage and what is due next, soonest first; reminders once per due date', async () => {
    const a = await newPerson('申请人甲', w.branchB.id);
    await step(a.id, { step: 'apply', on: '2026-11-15' }); // talk due 2026-12-15 (due soon from 12-01)
    const b = await newPerson('预备党员乙', w.branchB.id);
    await step(b.id, { step: 'apply', on: '2023-01-01' });
    await step(b.id, { step: 'activist', on: '2023-03-01' });
    await step(b.id, { step: 'candidate', on: '2024-04-01' });
    await step(b.id, { step: 'admit', on: '2025-11-30', introducers: intro }); // full due 2026-11-30
    const list = (await orgDept.get(`/api/people/pipeline?orgId=${w.branchB.id}`)).json();
    expect(list.data.map((x: { personId: number }) => x.personId)).toEqual([b.id, a.id]);
    expect(list.data[0]).toMatchObject({
      stage: 'probationary',
      stageLabel: '预备党员',
      next: { key: 'full', dueOn: '2026-11-30', status: 'due_soon' },
    });
    expect(list.data[1].next).toMatchObject({ key: 'talk', dueOn: '2026-12-15', status: 'waiting' });
    expect(list.stages).toMatchObject({ applicant: 1, probationary: 1 });
    const secB = await t.login(w.secretaryB.username);
    expect((await secB.get(`/api/people/pipeline?orgId=${w.branchA.id}`)).statusCode).toBe(404);

    const inbox = (userId: number) =>
      t.ctx.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'pipeline_due')));
    await sendPipelineReminders(t.ctx);
    const first = await inbox(w.secretaryB.id);
    expect(first.map((n) => n.entityId)).toEqual([String(b.id)]);
    expect(first[0]!.bodyZh).toContain('应于2026-11-30讨论转正');
    expect((await inbox(w.orgDept.id)).some((n) => n.entityId === String(b.id))).toBe(true);
    expect((await inbox(w.secretaryA.id)).some((n) => n.entityId === String(b.id))).toBe(false);
    await t.ctx.db
      .update(notifications)
      .set({ readAt: t.clock.now() })
      .where(eq(notifications.userId, w.secretaryB.id));
    await sendPipelineReminders(t.ctx);
    expect(await inbox(w.secretaryB.id)).toHaveLength(1);
    t.clock.set('2026-12-02T02:00:00Z');
    await sendPipelineReminders(t.ctx);
    expect((await inbox(w.secretaryB.id)).map((n) => n.entityId).sort()).toEqual([String(a.id), String(b.id)].sort());
    t.clock.set('2026-11-23T02:00:00Z');
  });
});
