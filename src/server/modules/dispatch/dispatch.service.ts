import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, invalid } from '../../errors.js';
import { projectInvestments, projectNodes, projects, projectWarningMonths } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { chinaDate } from '../../../domain/dates.js';
import {
  DISPATCH_STAGES,
  defaultDispatchMonth,
  dispatchDueOn,
  dispatchState,
  summariseMonth,
} from '../../../domain/dispatch.js';
export { DISPATCH_STAGES, defaultDispatchMonth };
import type { WarningColour, WarningReason } from '../../../domain/warnings.js';
import { PROJECT_STAGES, requiresDispatch, type ProjectStage } from '../../../shared/project-stages.js';
import type { DispatchList, DispatchReport, DispatchSnapshotView } from '../../../shared/api/dispatch.js';
import { writeHistory } from '../projects/index.js';
import { canConfirmDispatch } from '../projects/index.js';
import { listProjects, projectFilterWhere, type ProjectListRow } from '../projects/index.js';
import { requireProject } from '../projects/index.js';
import { collectOpenItems } from './dispatch.contributors.js';
import { findReport, lockReport, reportsOf, saveReport } from './dispatch.repository.js';

/** What a report says, prefilled from nodes, investment, warnings and open items; kept as confirmed. */
export type DispatchSnapshot = DispatchSnapshotView;

/** Prefilled snapshots for the given projects and month (a handful of queries for the whole page). */
export async function buildSnapshots(
  db: Executor,
  rows: ProjectListRow[],
  month: string,
): Promise<Map<number, DispatchSnapshot>> {
  const ids = rows.map((r) => r.project.id);
  const out = new Map<number, DispatchSnapshot>();
  if (ids.length === 0) return out;
  const [nodes, investments, months, open] = await Promise.all([
    db
      .select()
      .from(projectNodes)
      .where(inArray(projectNodes.projectId, ids))
      .orderBy(asc(projectNodes.projectId), asc(projectNodes.seq)),
    db
      .select()
      .from(projectInvestments)
      .where(and(inArray(projectInvestments.projectId, ids), lte(projectInvestments.month, month))),
    db
      .select()
      .from(projectWarningMonths)
      .where(and(inArray(projectWarningMonths.projectId, ids), eq(projectWarningMonths.month, month))),
    collectOpenItems(db, ids, month),
  ]);
  for (const r of rows) {
    const p = r.project;
    const wm = months.find((m) => m.projectId === p.id);
    const reasons = ((wm?.reasons ?? p.warningReasons) as WarningReason[]).map((x) => ({ zh: x.zh, en: x.en }));
    out.set(p.id, {
      month,
      project: {
        id: p.id,
        code: p.code,
        name: p.name,
        township: r.townshipName,
        stage: p.stage,
        stageZh: PROJECT_STAGES[p.stage as ProjectStage].zh,
        commissioner: r.commissionerName,
        leader: r.leaderName,
      },
      colour: (wm?.colour ?? p.warningColour) as WarningColour,
      reasons,
      progress: p.progress,
      plannedProgress: p.plannedProgress,
      summary: summariseMonth({
        month,
        nodes: nodes
          .filter((n) => n.projectId === p.id)
          .map((n) => ({ name: n.name, plannedDate: n.plannedDate, actualDate: n.actualDate })),
        investments: investments.filter((i) => i.projectId === p.id).map((i) => ({ month: i.month, amount: i.amount })),
        annualPlan: p.annualPlanInvestment,
      }),
      open: open.get(p.id) ?? [],
    });
  }
  return out;
}

export interface DispatchFilter {
  month?: string | undefined;
  state?: 'confirmed' | 'missing' | undefined;
  townshipId?: number | undefined;
  mine?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

function dispatchWhere(actor: Actor, f: DispatchFilter, month: string): SQL | undefined {
  const has = sql`exists (select 1 from dispatch_reports dr where dr.project_id = ${projects.id} and dr.month = ${month})`;
  return and(
    projectFilterWhere(actor, { townshipId: f.townshipId, mine: f.mine, q: f.q }),
    inArray(projects.stage, DISPATCH_STAGES),
    f.state === 'confirmed' ? has : f.state === 'missing' ? sql`not ${has}` : undefined,
  );
}

/** A month's reports of the visible projects that owe one: confirmed or missing (缺报), with the due date. */
export async function listDispatch(ctx: AppContext, actor: Actor, f: DispatchFilter): Promise<DispatchList> {
  const today = chinaDate(ctx.clock.now());
  const month = f.month ?? defaultDispatchMonth(today);
  const cal = await ctx.calendar.get();
  const due = dispatchDueOn(cal, month);
  const [{ rows, total }, [counts]] = await Promise.all([
    listProjects(
      ctx.db,
      actor,
      { page: f.page, pageSize: f.pageSize, sort: 'code' },
      today.slice(0, 4),
      dispatchWhere(actor, f, month),
    ),
    ctx.db
      .select({
        all: sql<number>`count(*)::int`,
        confirmed: sql<number>`count(*) filter (where exists (select 1 from dispatch_reports dr where dr.project_id = projects.id and dr.month = ${month}))::int`,
      })
      .from(projects)
      .where(dispatchWhere(actor, { ...f, state: undefined }, month)),
  ]);
  const reports = await reportsOf(
    ctx.db,
    actor,
    rows.map((r) => r.project.id),
    month,
  );
  return {
    month,
    dueOn: due.dueOn,
    provisionalYear: due.provisionalYear,
    counts: {
      all: counts?.all ?? 0,
      confirmed: counts?.confirmed ?? 0,
      missing: (counts?.all ?? 0) - (counts?.confirmed ?? 0),
    },
    data: rows.map((r) => {
      const rep = reports.find((x) => x.projectId === r.project.id);
      return {
        project: {
          id: r.project.id,
          code: r.project.code,
          name: r.project.name,
          township: r.townshipName,
          commissioner: r.commissionerName,
          colour: r.project.warningColour as WarningColour,
        },
        state: dispatchState(Boolean(rep), due.dueOn, today),
        confirmedAt: rep?.confirmedAt.toISOString() ?? null,
        confirmedBy: rep?.confirmedByName ?? null,
        canConfirm: canConfirmDispatch(actor, r.project),
      };
    }),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

function checkMonth(month: string, today: string): void {
  if (month > today.slice(0, 7))
    throw invalid({
      zh: `月份：不能晚于本月（${today.slice(0, 7)}）`,
      en: `month: must not be after ${today.slice(0, 7)}`,
    });
}

async function projectRow(ctx: AppContext, actor: Actor, id: number): Promise<ProjectListRow> {
  await requireProject(ctx, actor, id);
  const today = chinaDate(ctx.clock.now());
  const { rows } = await listProjects(
    ctx.db,
    actor,
    { page: 1, pageSize: 1, sort: 'code' },
    today.slice(0, 4),
    and(projectFilterWhere(actor, {}), eq(projects.id, id)),
  );
  return rows[0] as ProjectListRow;
}

/** One project's report for a month: the confirmed snapshot, or the live prefill waiting for confirmation. */
export async function getDispatchReport(
  ctx: AppContext,
  actor: Actor,
  projectId: number,
  month: string,
): Promise<DispatchReport> {
  const today = chinaDate(ctx.clock.now());
  checkMonth(month, today);
  const row = await projectRow(ctx, actor, projectId);
  const rep = await findReport(ctx.db, actor, projectId, month);
  const due = dispatchDueOn(await ctx.calendar.get(), month);
  const snapshot = rep
    ? (rep.snapshot as DispatchSnapshot)
    : ((await buildSnapshots(ctx.db, [row], month)).get(projectId) as DispatchSnapshot);
  return {
    month,
    dueOn: due.dueOn,
    state: dispatchState(Boolean(rep), due.dueOn, today),
    required: requiresDispatch(row.project.stage as ProjectStage),
    snapshot,
    remarks: rep?.remarks ?? null,
    confirmedAt: rep?.confirmedAt.toISOString() ?? null,
    confirmedBy: rep?.confirmedByName ?? null,
    version: rep?.version ?? 0,
    canConfirm: canConfirmDispatch(actor, row.project),
  };
}

/**
 * 确认月调度: the commissioner confirms the prefilled report and adds remarks; the snapshot is kept as
 * confirmed. Confirming again (version 1, 2 …) replaces it; a stale version answers 409.
 */
export async function confirmDispatch(
  ctx: AppContext,
  actor: Actor,
  projectId: number,
  month: string,
  input: { remarks?: string | null | undefined; version: number },
): Promise<DispatchReport> {
  const now = ctx.clock.now();
  checkMonth(month, chinaDate(now));
  const row = await projectRow(ctx, actor, projectId);
  if (!canConfirmDispatch(actor, row.project))
    throw new AppError('FORBIDDEN', {
      zh: '只有本项目的项目专员或组织部可以确认调度报告',
      en: 'Only the project’s commissioner or the organisation department may confirm its report',
    });
  if (!requiresDispatch(row.project.stage as ProjectStage))
    throw invalid({
      zh: `该项目处于「${PROJECT_STAGES[row.project.stage as ProjectStage].zh}」阶段，无需月调度`,
      en: 'This project owes no monthly report at its stage',
    });
  const snapshot = (await buildSnapshots(ctx.db, [row], month)).get(projectId) as DispatchSnapshot;
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const current = await lockReport(tx, actor, projectId, month);
    if ((current?.version ?? 0) !== input.version)
      throw new AppError(
        'CONFLICT',
        {
          zh: '该月调度报告已被他人确认或修改，请刷新后重试',
          en: 'The report was confirmed or changed by someone else; reload',
        },
        { version: current?.version ?? 0 },
      );
    const values = {
      snapshot,
      remarks: input.remarks ?? null,
      confirmedBy: actor.userId,
      confirmedByName: actor.displayName,
      confirmedAt: now,
    };
    await saveReport(tx, current, projectId, month, values);
    await writeHistory(tx, who, now, [
      {
        projectId,
        kind: 'dispatch',
        text: {
          zh: `确认 ${month} 月调度报告${input.remarks ? `（备注：${input.remarks}）` : ''}`,
          en: `Confirmed the ${month} dispatch report`,
        },
      },
    ]);
    await recordAudit(
      tx,
      who,
      {
        entity: 'dispatch_report',
        entityId: `${projectId}:${month}`,
        action: current ? 'update' : 'confirm',
        before: current ? { remarks: current.remarks } : null,
        after: { month, remarks: input.remarks ?? null },
      },
      now,
    );
  });
  return getDispatchReport(ctx, actor, projectId, month);
}
