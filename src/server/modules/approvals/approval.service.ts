import { provisionalReason } from '../../../shared/provisional.js';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, can, type Actor } from '../../actor.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { approvalItems, orgUnits } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { recordAudit } from '../../audit/audit.writer.js';
import type { CalendarData } from '../../../domain/calendar.js';
import { chinaDate, type IsoDate } from '../../../domain/dates.js';
import { summarisePhases, timeApproval } from '../../../domain/approvals.js';
import { APPROVAL_PHASE_CODES, APPROVAL_PHASES, type ApprovalPhase } from '../../../shared/approval-items.js';
import type { Lang } from '../../errors.js';
import { requireProject, writeHistory } from '../projects/index.js';
import { itemsOfProject, listWorklist, type WorklistStatus } from './approval.repository.js';
import type { ApprovalItem, ProjectApprovals, UpdateItemInput, WorkItem } from '../../../shared/api/approvals.js';

const ITEM = { zh: '审批事项', en: 'Approval item' };

type ItemRow = Awaited<ReturnType<typeof itemsOfProject>>[number];

/** The organisation department handles any item; a department handler the items of their own department. */
export function canHandle(actor: Pick<Actor, 'permissions' | 'scope'>, departmentPath: string | null): boolean {
  if (can(actor, 'projects.write')) return true;
  return can(actor, 'approvals.handle') && departmentPath !== null && departmentPath.startsWith(actor.scope.path);
}

export function presentItem(
  r: { item: ItemRow['item']; departmentName: string | null },
  cal: CalendarData,
  today: IsoDate,
  lang: Lang,
  canHandleIt: boolean,
): ApprovalItem {
  const i = r.item;
  return {
    id: i.id,
    projectId: i.projectId,
    code: i.code,
    name: lang === 'en' ? (i.nameEn ?? i.name) : i.name,
    phase: i.phase,
    seq: i.seq,
    department: i.departmentUnitId ? { id: i.departmentUnitId, name: r.departmentName ?? '' } : null,
    targetDays: i.targetDays,
    isAcceptance: i.isAcceptance,
    documents: i.documents as Array<{ name: string; provided: boolean }>,
    submittedOn: i.submittedOn,
    completedOn: i.completedOn,
    note: i.note,
    version: i.version,
    timing: timeApproval(cal, i, today),
    canHandle: canHandleIt,
  };
}

/** 一图管全程: every item of the project with working days used against target, per item and per phase. */
export async function getProjectApprovals(ctx: AppContext, actor: Actor, projectId: number): Promise<ProjectApprovals> {
  const project = await requireProject(ctx, actor, projectId);
  const today = chinaDate(ctx.clock.now());
  const [rows, cal] = await Promise.all([itemsOfProject(ctx.db, actor, project.id), ctx.calendar.get()]);
  const items = rows.map((r) => presentItem(r, cal, today, actor.lang, canHandle(actor, r.departmentPath)));
  const phases = summarisePhases(
    items.map((i) => ({ phase: i.phase as ApprovalPhase, targetDays: i.targetDays, timing: i.timing })),
    APPROVAL_PHASE_CODES,
  ).map((p) => ({ ...p, label: APPROVAL_PHASES[p.phase][actor.lang] }));
  return { projectId: project.id, asOf: today, items, phases };
}

/**
 * Records an item's submission and completion (not in the future, completion not before submission),
 * the documents provided, and — for the organisation department — its department and target.
 */
export async function updateApprovalItem(
  ctx: AppContext,
  actor: Actor,
  projectId: number,
  itemId: number,
  input: UpdateItemInput,
): Promise<ProjectApprovals> {
  const project = await requireProject(ctx, actor, projectId);
  const rows = await itemsOfProject(ctx.db, actor, project.id);
  const row = rows.find((r) => r.item.id === itemId);
  if (!row) throw notFound(ITEM);
  if (!canHandle(actor, row.departmentPath))
    throw new AppError('FORBIDDEN', {
      zh: '只有负责该事项的部门或组织部可以办理',
      en: 'Only the item’s department or the organisation department may handle it',
    });
  if ((input.departmentUnitId !== undefined || input.targetDays !== undefined) && !can(actor, 'projects.write'))
    throw new AppError('FORBIDDEN', {
      zh: '办理部门和承诺时限只能由组织部调整',
      en: 'Only the organisation department sets the department and target',
    });
  const today = chinaDate(ctx.clock.now());
  const submitted = input.submittedOn !== undefined ? input.submittedOn : row.item.submittedOn;
  const completed = input.completedOn !== undefined ? input.completedOn : row.item.completedOn;
  for (const [v, zh, en] of [
    [submitted, '申报日期', 'submittedOn'],
    [completed, '办结日期', 'completedOn'],
  ] as const)
    if (v && v > today)
      throw invalid({ zh: `${zh}：不能晚于今天（${today}）`, en: `${en}: must not be after today (${today})` });
  if (completed && !submitted)
    throw invalid({ zh: '办结日期：请先填写申报日期', en: 'completedOn: submittedOn is required first' });
  if (completed && submitted && completed < submitted)
    throw invalid({ zh: '办结日期：不能早于申报日期', en: 'completedOn: must not be before submittedOn' });
  if (input.departmentUnitId) {
    const [d] = await ctx.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, input.departmentUnitId), inSubtree(orgUnits.path, actor.scope.path)));
    if (!d) throw notFound({ zh: '办理部门', en: 'Department' });
  }
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(approvalItems).where(eq(approvalItems.id, itemId)).for('update');
    if (!current || current.version !== input.version)
      throw new AppError(
        'CONFLICT',
        { zh: '该事项已被他人修改，请刷新后重试', en: 'The item was changed by someone else; reload and try again' },
        { version: current?.version },
      );
    const { version: _v, ...fields } = input;
    const [after] = await tx
      .update(approvalItems)
      .set({ ...fields, version: sql`${approvalItems.version} + 1`, updatedAt: now, updatedBy: actor.userId })
      .where(eq(approvalItems.id, itemId))
      .returning();
    const lines: Array<{ zh: string; en: string }> = [];
    if (input.submittedOn !== undefined && input.submittedOn !== current.submittedOn)
      lines.push({
        zh: `「${current.name}」申报于 ${input.submittedOn ?? '（已清除）'}`,
        en: `${current.nameEn ?? current.name} submitted ${input.submittedOn ?? '(cleared)'}`,
      });
    if (input.completedOn !== undefined && input.completedOn !== current.completedOn && after) {
      const t = timeApproval(cal, after, today);
      const used = `，用时 ${t.usedDays} 个工作日（承诺 ${after.targetDays} 个）${
        t.provisionalYear ? `（暂定：${provisionalReason(t.provisionalYear).zh}）` : ''
      }`;
      lines.push(
        input.completedOn
          ? {
              zh: `「${current.name}」办结于 ${input.completedOn}${used}`,
              en: `${current.nameEn ?? current.name} completed ${input.completedOn}, ${t.usedDays ?? '?'} of ${after.targetDays} working days`,
            }
          : { zh: `「${current.name}」撤销办结`, en: `${current.nameEn ?? current.name} reopened` },
      );
    }
    if (lines.length)
      await writeHistory(
        tx,
        who,
        now,
        lines.map((text) => ({
          projectId: project.id,
          kind: 'approval' as const,
          text,
          before: { submittedOn: current.submittedOn, completedOn: current.completedOn },
          after: { submittedOn: after?.submittedOn, completedOn: after?.completedOn },
        })),
      );
    await recordAudit(
      tx,
      who,
      { entity: 'approval_item', entityId: itemId, action: 'update', before: current, after },
      now,
    );
  });
  return getProjectApprovals(ctx, actor, project.id);
}

/** What a department has on its desk: open items first by submission date; `overdue` is computed. */
export async function listApprovalWork(
  ctx: AppContext,
  actor: Actor,
  q: {
    status?: WorklistStatus | undefined;
    projectId?: number | undefined;
    page: number;
    pageSize: number;
  },
) {
  const today = chinaDate(ctx.clock.now());
  const cal = await ctx.calendar.get();
  const present = (r: Awaited<ReturnType<typeof listWorklist>>['rows'][number]): WorkItem => ({
    ...presentItem(
      { item: r.item, departmentName: r.departmentName },
      cal,
      today,
      actor.lang,
      canHandle(actor, r.departmentPath),
    ),
    project: { id: r.item.projectId, name: r.projectName, code: r.projectCode },
  });
  if (q.status !== 'overdue') {
    const { rows, total } = await listWorklist(ctx.db, actor, q, q);
    return { data: rows.map(present), total, page: q.page, pageSize: q.pageSize };
  }
  // Overdue depends on the working-day calendar: compute over the open items, then page.
  const { rows } = await listWorklist(ctx.db, actor, q, { page: 1, pageSize: 5000 });
  const overdue = rows.map(present).filter((i) => i.timing.status === 'overdue');
  return {
    data: overdue.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    total: overdue.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
