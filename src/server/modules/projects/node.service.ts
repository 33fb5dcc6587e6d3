import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, can, type Actor } from '../../actor.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { orgUnits, projectInvestments, projectNodes, projects, users, type ProjectRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import { inSubtree } from '../../scope.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { chinaDate } from '../../../domain/dates.js';
import { formatWan } from '../../../shared/format.js';
import { stageIndex, type ProjectStage } from '../../../shared/project-stages.js';
import { emitEvent } from '../../events.js';
import { writeHistory, type HistoryEntry } from './history.repository.js';
import { assertCanUpdateProgress } from './project.policy.js';
import { changeStage } from './project.register.js';
import { regionOfPath } from './project.scope.js';
import type { AddNodeInput, UpdateNodeInput } from '../../../shared/api/projects.js';

const NODE = { zh: '时间节点', en: 'Time node' };

async function checkResponsible(
  db: Executor,
  actor: Actor,
  input: { responsibleUserId?: number | null | undefined; responsibleUnitId?: number | null | undefined },
): Promise<void> {
  const region = await regionOfPath(db, actor.scope.path);
  const path = region?.path ?? actor.scope.path;
  if (input.responsibleUserId) {
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
      .where(and(eq(users.id, input.responsibleUserId), inSubtree(orgUnits.path, path)));
    if (!u) throw notFound({ zh: '责任人账号', en: 'Responsible user' });
  }
  if (input.responsibleUnitId) {
    const [u] = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, input.responsibleUnitId), inSubtree(orgUnits.path, path)));
    if (!u) throw notFound({ zh: '责任单位', en: 'Responsible unit' });
  }
}

function notAfterToday(date: string | null | undefined, today: string, label: string, field: string): void {
  if (date && date > today)
    throw invalid({ zh: `${label}：不能晚于今天（${today}）`, en: `${field}: must not be after today (${today})` });
}

/** Adds a milestone to a project's plan (a plan change, kept in its history). */
export async function addNode(ctx: AppContext, actor: Actor, project: ProjectRow, input: AddNodeInput): Promise<void> {
  assertCanUpdateProgress(actor, project);
  await checkResponsible(ctx.db, actor, input);
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [last] = await tx
      .select({ max: sql<number>`coalesce(max(${projectNodes.seq}), 0)::int` })
      .from(projectNodes)
      .where(eq(projectNodes.projectId, project.id));
    const seq = input.afterSeq !== undefined ? input.afterSeq + 1 : (last?.max ?? 0) + 10;
    const [row] = await tx
      .insert(projectNodes)
      .values({
        projectId: project.id,
        seq,
        name: input.name,
        plannedDate: input.plannedDate,
        plannedPercent: input.plannedPercent ?? null,
        responsibleName: input.responsibleName ?? null,
        responsibleUserId: input.responsibleUserId ?? null,
        responsibleUnitId: input.responsibleUnitId ?? null,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .returning();
    await writeHistory(tx, who, now, [
      {
        projectId: project.id,
        kind: 'node_added',
        text: {
          zh: `新增节点「${input.name}」，计划 ${input.plannedDate}`,
          en: `Added node “${input.name}”, planned ${input.plannedDate}`,
        },
        after: input,
      },
    ]);
    await emitEvent(tx, ctx, who, 'project.changed', { projectIds: [project.id], calendar: cal, today, now });
    await recordAudit(
      tx,
      who,
      {
        entity: 'project_node',
        entityId: row?.id ?? null,
        action: 'create',
        after: { projectId: project.id, ...input },
      },
      now,
    );
  });
}

/**
 * Updates a time node: a new plan (with its reason, the old plan stays in the history), the actual
 * date it was reached (not in the future), who is responsible, the evidence. Reaching a stage's node
 * moves the project to that stage. The warning is recomputed in the same transaction.
 */
export async function updateNode(
  ctx: AppContext,
  actor: Actor,
  project: ProjectRow,
  nodeId: number,
  input: UpdateNodeInput,
): Promise<void> {
  assertCanUpdateProgress(actor, project);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  notAfterToday(input.actualDate, today, '实际完成日期', 'actualDate');
  await checkResponsible(ctx.db, actor, input);
  const cal = await ctx.calendar.get();
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [node] = await tx
      .select()
      .from(projectNodes)
      .where(and(eq(projectNodes.id, nodeId), eq(projectNodes.projectId, project.id)))
      .for('update');
    if (!node) throw notFound(NODE);
    if (node.version !== input.version)
      throw new AppError(
        'CONFLICT',
        { zh: '时间节点已被他人修改，请刷新后重试', en: 'The node was changed by someone else; reload and try again' },
        { version: node.version },
      );
    const planChanged = input.plannedDate !== undefined && input.plannedDate !== node.plannedDate;
    // The approved plan is the yardstick of the warnings: a commissioner sets a missing plan and
    // forecasts (预计完成); only the organisation department moves an existing plan.
    if (planChanged && node.plannedDate && !can(actor, 'projects.write'))
      throw new AppError('FORBIDDEN', {
        zh: '已批准的计划日期只能由组织部调整；进度滞后请填写预计完成日期',
        en: 'Only the organisation department moves an approved plan; enter an expected date instead',
      });
    if (planChanged && node.plannedDate && (input.reason ?? '').length < 2)
      throw invalid({ zh: '变更原因：调整计划日期时必填', en: 'reason: required when the planned date changes' });
    const { reason, version: _v, ...fields } = input;
    const [after] = await tx
      .update(projectNodes)
      .set({ ...fields, version: sql`${projectNodes.version} + 1`, updatedAt: now, updatedBy: actor.userId })
      .where(eq(projectNodes.id, nodeId))
      .returning();
    const history: HistoryEntry[] = [];
    if (planChanged)
      history.push({
        projectId: project.id,
        kind: 'node_plan',
        text: {
          zh: `节点「${node.name}」计划由 ${node.plannedDate ?? '未定'} 调整为 ${input.plannedDate ?? '未定'}${reason ? `（原因：${reason}）` : ''}`,
          en: `Node “${node.nameEn ?? node.name}” plan moved from ${node.plannedDate ?? 'none'} to ${input.plannedDate ?? 'none'}${reason ? ` (${reason})` : ''}`,
        },
        before: { plannedDate: node.plannedDate },
        after: { plannedDate: input.plannedDate, reason },
      });
    if (input.actualDate !== undefined && input.actualDate !== node.actualDate)
      history.push({
        projectId: project.id,
        kind: 'node_actual',
        text: input.actualDate
          ? {
              zh: `节点「${node.name}」完成，实际 ${input.actualDate}（计划 ${node.plannedDate ?? '未定'}）`,
              en: `Node “${node.nameEn ?? node.name}” reached on ${input.actualDate} (planned ${node.plannedDate ?? 'none'})`,
            }
          : {
              zh: `撤销节点「${node.name}」的完成日期 ${node.actualDate}`,
              en: `Cleared the completion date of “${node.nameEn ?? node.name}”`,
            },
        before: { actualDate: node.actualDate },
        after: { actualDate: input.actualDate },
      });
    if (input.expectedDate !== undefined && input.expectedDate !== node.expectedDate)
      history.push({
        projectId: project.id,
        kind: 'node_expected',
        text: input.expectedDate
          ? {
              zh: `节点「${node.name}」预计完成日期更新为 ${input.expectedDate}（计划 ${node.plannedDate ?? '未定'}）${reason ? `，说明：${reason}` : ''}`,
              en: `Node “${node.nameEn ?? node.name}” now expected on ${input.expectedDate} (planned ${node.plannedDate ?? 'none'})`,
            }
          : {
              zh: `清除节点「${node.name}」的预计完成日期`,
              en: `Cleared the expected date of “${node.nameEn ?? node.name}”`,
            },
        before: { expectedDate: node.expectedDate },
        after: { expectedDate: input.expectedDate, reason },
      });
    const other = (
      ['responsibleName', 'responsibleUserId', 'responsibleUnitId', 'evidence', 'plannedPercent'] as const
    ).filter((k) => input[k] !== undefined && input[k] !== node[k]);
    if (other.length)
      history.push({
        projectId: project.id,
        kind: 'node_updated',
        text: { zh: `更新节点「${node.name}」的责任人或佐证材料`, en: `Updated node “${node.nameEn ?? node.name}”` },
        before: Object.fromEntries(other.map((k) => [k, node[k]])),
        after: Object.fromEntries(other.map((k) => [k, input[k]])),
      });
    await writeHistory(tx, who, now, history);
    if (
      after?.stage &&
      after.actualDate &&
      stageIndex(after.stage as ProjectStage) > stageIndex(project.stage as ProjectStage)
    ) {
      const [fresh] = await tx.select().from(projects).where(eq(projects.id, project.id));
      if (fresh) await changeStage(tx, ctx, who, fresh, after.stage as ProjectStage, after.actualDate, now);
    }
    await emitEvent(tx, ctx, who, 'project.changed', { projectIds: [project.id], calendar: cal, today, now });
    await recordAudit(
      tx,
      who,
      {
        entity: 'project_node',
        entityId: nodeId,
        action: planChanged ? 'plan_change' : input.actualDate ? 'complete' : 'update',
        before: node,
        after,
      },
      now,
    );
  });
}

/** 形象进度: the commissioner reports the percentage; the warning follows in the same transaction. */
export async function reportProgress(
  ctx: AppContext,
  actor: Actor,
  project: ProjectRow,
  input: { progress: number; note?: string | undefined },
): Promise<void> {
  assertCanUpdateProgress(actor, project);
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(projects)
      .set({ progress: input.progress, progressOn: today, updatedAt: now })
      .where(eq(projects.id, project.id));
    const was = project.progress === null ? '未填报' : `${project.progress}%`;
    await writeHistory(tx, who, now, [
      {
        projectId: project.id,
        kind: 'progress',
        text: {
          zh: `形象进度由 ${was} 更新为 ${input.progress}%${input.note ? `（${input.note}）` : ''}`,
          en: `Progress updated to ${input.progress}% (was ${project.progress ?? 'none'})`,
        },
        before: { progress: project.progress },
        after: input,
      },
    ]);
    await emitEvent(tx, ctx, who, 'project.changed', { projectIds: [project.id], calendar: cal, today, now });
    await recordAudit(
      tx,
      who,
      {
        entity: 'project_progress',
        entityId: project.id,
        action: 'report',
        before: { progress: project.progress },
        after: input,
      },
      now,
    );
  });
}

/** Investment completed in a month (万元); months after the current one are refused. */
export async function reportInvestment(
  ctx: AppContext,
  actor: Actor,
  project: ProjectRow,
  month: string,
  input: { amount: number; note?: string | null | undefined },
): Promise<void> {
  assertCanUpdateProgress(actor, project);
  const now = ctx.clock.now();
  const thisMonth = chinaDate(now).slice(0, 7);
  if (month > thisMonth)
    throw invalid({ zh: `月份：不能晚于本月（${thisMonth}）`, en: `month: must not be after ${thisMonth}` });
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(projectInvestments)
      .where(and(eq(projectInvestments.projectId, project.id), eq(projectInvestments.month, month)));
    await tx
      .insert(projectInvestments)
      .values({
        projectId: project.id,
        month,
        amount: input.amount,
        note: input.note ?? null,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [projectInvestments.projectId, projectInvestments.month],
        set: { amount: input.amount, note: input.note ?? null, updatedAt: now, updatedBy: actor.userId },
      });
    const was = before ? `（原 ${formatWan(before.amount)} 万元）` : '';
    await writeHistory(tx, who, now, [
      {
        projectId: project.id,
        kind: 'investment',
        text: {
          zh: `${month} 完成投资 ${formatWan(input.amount)} 万元${was}`,
          en: `${month}: invested ${input.amount} (10k yuan)${before ? `, was ${before.amount}` : ''}`,
        },
        before: before ?? null,
        after: { month, ...input },
      },
    ]);
    await recordAudit(
      tx,
      who,
      {
        entity: 'project_investment',
        entityId: project.id,
        action: 'report',
        before: before ?? null,
        after: { month, ...input },
      },
      now,
    );
  });
}
