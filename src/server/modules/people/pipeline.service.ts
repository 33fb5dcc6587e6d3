import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, SYSTEM_ACTOR, type Actor } from '../../actor.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { developmentRecords, notifications, orgUnits, people } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { notifyUsers } from '../notifications/index.js';
import { addDays, chinaDate } from '../../../domain/dates.js';
import {
  applyStep,
  DUE_SOON_DAYS,
  earlyStep,
  pipelineView,
  refuseStep,
  STAGE_LABELS,
  statusAfter,
  type PipelineDates,
  type PipelineStep,
} from '../../../domain/pipeline.js';
import { requirePerson } from './person.access.js';
import { writePersonEvent } from './person.events.js';
import { getPerson } from './person.detail.js';
import { findUnitInScope, openPipelines, pipelineRecipients } from './people.repository.js';
import { REASON_MIN_CHARS, type PersonDetail, type PipelineStepInput } from '../../../shared/api/people.js';

const STEP_ZH: Record<PipelineStep, { zh: string; en: string }> = {
  apply: { zh: '递交入党申请书', en: 'Applied to join' },
  talk: { zh: '党组织派人谈话', en: 'Talk with the applicant' },
  activist: { zh: '确定为入党积极分子', en: 'Became an activist' },
  candidate: { zh: '列为发展对象', en: 'Became a candidate' },
  admit: { zh: '接收为预备党员', en: 'Admitted as probationary member' },
  extend: { zh: '延长预备期', en: 'Probation extended' },
  full: { zh: '转为正式党员', en: 'Became a full member' },
};

/**
 * Records one step of the pipeline. Late dates never block (they show as warnings). An early 发展对象
 * (less than a year as 积极分子) or early 转正 (before the probation ends) answers 409 naming the dates
 * unless the request confirms it (`confirmEarly`) with a reason, which the event and the audit keep.
 * The order of steps, two introducers for admission, and one extension of 6–12 months are enforced.
 * A 临时党支部 cannot recruit, so no development record starts there.
 */
export async function recordPipelineStep(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: PipelineStepInput,
): Promise<PersonDetail> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const row = await requirePerson(ctx, actor, id);
  const p = row.person;
  if (input.on > today) throw invalid({ zh: '日期：不能晚于今天', en: 'on: in the future' });
  if (input.step === 'admit' && (input.introducers?.length ?? 0) < 2)
    throw invalid({
      zh: '入党介绍人：接收预备党员需要2名入党介绍人',
      en: 'introducers: admission needs two introducers',
    });
  if (input.step === 'extend' && !input.reason)
    throw invalid({ zh: '理由：延长预备期须说明理由', en: 'reason: required to extend probation' });
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [dev] = await tx.select().from(developmentRecords).where(eq(developmentRecords.personId, id)).for('update');
    if (!dev) {
      if (input.step !== 'apply') throw conflict({ zh: '请先登记入党申请', en: 'Record the application first' });
      const [org] = await tx
        .select({ kind: orgUnits.kind, name: orgUnits.name })
        .from(orgUnits)
        .where(eq(orgUnits.id, p.relationOrgUnitId as number));
      if (org?.kind === 'temp_branch')
        throw conflict({
          zh: `「${org.name}」是临时党支部，不能发展党员；请在组织关系所在的正式党组织登记入党申请`,
          en: `${org.name} is a temporary branch and cannot recruit members`,
        });
    }
    const dates: PipelineDates = dev ?? {};
    const refusal = refuseStep(dates, input.step, input.on, input.extensionMonths);
    if (refusal) throw conflict(refusal);
    const early = earlyStep(dates, input.step, input.on);
    if (early && !input.confirmEarly)
      throw conflict(early.text, { warning: early.code, earliest: early.earliest, on: input.on });
    if (early && (input.reason?.length ?? 0) < REASON_MIN_CHARS)
      throw invalid({
        zh: `理由：提前办理须说明理由（至少${REASON_MIN_CHARS}个字）`,
        en: `reason: recording early needs a reason (at least ${REASON_MIN_CHARS} characters)`,
      });
    const earlyNote = early ? { early: { code: early.code, earliest: early.earliest, reason: input.reason } } : {};
    const set = applyStep(input.step, input.on, input.extensionMonths);
    const extra = {
      ...(input.introducers ? { introducers: input.introducers } : {}),
      ...(input.contacts ? { contacts: input.contacts } : {}),
      ...(input.step === 'extend' ? { extensionReason: input.reason ?? null } : {}),
    };
    if (dev)
      await tx
        .update(developmentRecords)
        .set({ ...set, ...extra, version: sql`${developmentRecords.version} + 1`, updatedAt: now })
        .where(eq(developmentRecords.personId, id));
    else
      await tx
        .insert(developmentRecords)
        .values({ personId: id, orgUnitId: p.relationOrgUnitId, ...set, ...extra, updatedAt: now });
    const status = statusAfter(input.step, p.politicalStatus);
    if (status !== p.politicalStatus)
      await tx
        .update(people)
        .set({ politicalStatus: status, version: sql`${people.version} + 1`, updatedAt: now })
        .where(eq(people.id, id));
    const label = STEP_ZH[input.step];
    const text =
      input.step === 'extend'
        ? {
            zh: `${label.zh}${input.extensionMonths}个月：${input.reason ?? ''}`,
            en: `${label.en} by ${input.extensionMonths} months`,
          }
        : early
          ? {
              zh: `${label.zh}（早于${early.earliest}，经确认提前办理：${input.reason ?? ''}）`,
              en: `${label.en} (before ${early.earliest}, confirmed early: ${input.reason ?? ''})`,
            }
          : label;
    await writePersonEvent(tx, {
      personId: id,
      kind: `pipeline_${input.step}`,
      on: input.on,
      text,
      data: { step: input.step, ...extra, extensionMonths: input.extensionMonths ?? null, ...earlyNote },
      byUserId: actor.userId,
      at: now,
    });
    await recordAudit(
      tx,
      who,
      {
        entity: 'development_record',
        entityId: id,
        action: 'pipeline',
        before: dev ?? null,
        after: { step: input.step, on: input.on, ...set, ...extra, ...earlyNote },
      },
      now,
    );
  });
  return getPerson(ctx, actor, id);
}

/** Per org (default: the actor's scope): who is at which stage and what is due next, soonest first. */
export async function orgPipeline(ctx: AppContext, actor: Actor, orgId: number | undefined) {
  const today = chinaDate(ctx.clock.now());
  let path = actor.scope.path;
  if (orgId) {
    const org = await findUnitInScope(ctx.db, actor, orgId);
    if (!org) throw notFound({ zh: '党组织', en: 'Organisation' });
    path = org.path;
  }
  const rows = await openPipelines(ctx.db, actor, { orgPath: path });
  const lang = actor.lang;
  const items = rows.map((r) => {
    const v = pipelineView(r.dev, today);
    return {
      personId: r.dev.personId,
      name: r.name,
      org: r.orgId ? { id: r.orgId, name: r.orgName ?? '' } : null,
      stage: v.stage,
      stageLabel: v.stage ? STAGE_LABELS[v.stage][lang] : '',
      next: v.next ? { key: v.next.key, dueOn: v.next.dueOn, status: v.next.status, text: v.next.text[lang] } : null,
      warnings: v.warnings.map((w) => ({ code: w.code, text: w.text[lang] })),
    };
  });
  items.sort((a, b) => (a.next?.dueOn ?? '9999').localeCompare(b.next?.dueOn ?? '9999') || a.personId - b.personId);
  const stages = Object.fromEntries(
    Object.keys(STAGE_LABELS).map((s) => [s, items.filter((i) => i.stage === s).length]),
  );
  return { data: items, stages };
}

/**
 * Daily due-date reminders: for every open pipeline whose next statutory date is within
 * DUE_SOON_DAYS or past (谈话 / 转正; 积极分子满一年 once reached), notify the relation org's
 * secretaries and the org_dept users above it. Idempotent per person + step + due date: a reminder
 * already sent (read or not) is not sent again. Returns how many notifications were written.
 */
export async function sendPipelineReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const horizon = addDays(today, DUE_SOON_DAYS);
  const rows = await openPipelines(ctx.db, SYSTEM_ACTOR);
  let sent = 0;
  for (const r of rows) {
    const v = pipelineView(r.dev, today);
    if (!v.next || v.next.dueOn > horizon || !r.orgPath) continue;
    if (v.next.key === 'candidate' && v.next.status !== 'ready') continue;
    const key = `pipeline:${r.dev.personId}:${v.next.key}:${v.next.dueOn}`;
    const [already] = await ctx.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.dedupeKey, key))
      .limit(1);
    if (already) continue;
    const recipients = await pipelineRecipients(ctx.db, r.orgId as number, r.orgPath);
    if (!recipients.length) continue;
    const overdue = v.next.status === 'overdue';
    await ctx.db.transaction(async (tx) => {
      sent += await notifyUsers(
        tx,
        recipients,
        {
          kind: 'pipeline_due',
          title: {
            zh: `${overdue ? '【已逾期】' : '【即将到期】'}${r.name}：发展党员时间节点`,
            en: `${overdue ? '[Overdue] ' : '[Due soon] '}${r.name}: pipeline date`,
          },
          body: v.next!.text,
          link: `/people/${r.dev.personId}`,
          entity: 'person',
          entityId: r.dev.personId,
          data: { dueOn: v.next!.dueOn, key: v.next!.key },
          dedupeKey: key,
        },
        now,
      );
      await recordAudit(
        tx,
        SYSTEM_ACTOR,
        {
          entity: 'development_record',
          entityId: r.dev.personId,
          action: 'remind',
          after: { key, recipients: recipients.length },
        },
        now,
      );
    });
  }
  return sent;
}
