import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { can, type Actor } from '../../actor.js';
import { problemPhotos } from '../../db/schema/index.js';
import { notFound } from '../../errors.js';
import { addWorkingDays, type CalendarData } from '../../../domain/calendar.js';
import { chinaDate, type IsoDate } from '../../../domain/dates.js';
import { foldProblem, isFinal } from '../../../domain/problem-flow.js';
import * as rules from '../../../domain/problem-rules.js';
import { EVENT_LABELS } from '../../../shared/problem-labels.js';
import {
  assignmentsOf,
  findProblemDetailRow,
  listProblems,
  unitNames,
  userNames,
  type FilterDates,
  type ProblemFilter,
} from './problem.repository.js';
import { presentListItem, type AssignmentBrief } from './problem.presenter.js';
import { describeEvent, explainDeadlines } from './problem.explain.js';
import { loadEvents } from './problem.store.js';
import type { ProblemDetail, ProblemPage } from '../../../shared/api/problems.js';
import { isRaiserSide } from './problem.steps.js';
import { PROBLEM, type StepResult } from './problem.runner.js';

/** Today in China and the next working day (for "due soon"); tolerant of a missing next-year calendar. */
export function filterDates(cal: CalendarData, now: Date): FilterDates {
  const today = chinaDate(now);
  let soon: IsoDate;
  try {
    soon = addWorkingDays(cal, today, 1);
  } catch {
    soon = `${today.slice(0, 4)}-12-31`;
  }
  return { today, soon };
}

async function briefs(ctx: AppContext, ids: number[]): Promise<Map<number, AssignmentBrief[]>> {
  const rows = await assignmentsOf(ctx.db, ids);
  const out = new Map<number, AssignmentBrief[]>();
  for (const { a, deptName, deptPath } of rows)
    out.set(a.problemId, [
      ...(out.get(a.problemId) ?? []),
      {
        problemId: a.problemId,
        no: a.no,
        deptUnitId: a.deptUnitId,
        deptName,
        deptPath,
        role: a.role,
        status: a.status,
        signDue: a.signDue,
        answerDue: a.answerDue,
        provisionalYear: a.provisionalYear,
        answeredAt: a.answeredAt,
      },
    ]);
  return out;
}

/**
 * 问题台账: one page of the visible problems with the filters. The total is exact up to the count cap
 * and the planner's estimate above it (`totalExact: false`, shown as 约 N 条).
 */
export async function listProblemsFor(
  ctx: AppContext,
  actor: Actor,
  f: ProblemFilter,
  opts: { countCap?: number } = {},
): Promise<ProblemPage> {
  const cal = await ctx.calendar.get();
  const d = filterDates(cal, ctx.clock.now());
  const { rows, total, totalExact } = await listProblems(ctx.db, actor, f, d, opts.countCap);
  const byProblem = await briefs(
    ctx,
    rows.map((r) => r.id),
  );
  const deptPath = actor.scope.kind === 'dept' ? actor.scope.path : null;
  return {
    data: rows.map((r) => presentListItem(r, byProblem.get(r.id) ?? [], deptPath, cal, d.today)),
    total,
    totalExact,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/**
 * A problem with its whole timeline, its deadlines and their reasons, and what the actor may do next.
 * `after`: the history and state a step just wrote (its answer), so they are not read and folded again.
 */
export async function getProblem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  after?: StepResult,
): Promise<ProblemDetail> {
  const row = await findProblemDetailRow(ctx.db, actor, id);
  if (!row) throw notFound(PROBLEM);
  const cal = await ctx.calendar.get();
  const { today } = filterDates(cal, ctx.clock.now());
  const events = after?.events ?? (await loadEvents(ctx.db, id));
  const s = after?.state ?? foldProblem(events, cal);
  const units = await unitNames(ctx.db, [
    ...s.assignments.map((a) => a.deptUnitId),
    ...events.map((e) => e.actorUnitId ?? 0),
    ...events.flatMap((e) => (e.type === 'reopened' ? [e.deptUnitId] : [])),
  ]);
  const people = await userNames(ctx.db, [
    ...events.map((e) => e.actorUserId ?? 0),
    ...events.flatMap((e) => (e.type === 'handed_over' ? [e.toUserId] : [])),
    row.createdBy ?? 0,
  ]);
  const nameOf = (u: number | null | undefined) => (u ? (units.get(u)?.name ?? '') : '');
  const userName = (u: number | null) => (u ? (people.get(u) ?? '') : '');
  const photos = await ctx.db
    .select()
    .from(problemPhotos)
    .where(eq(problemPhotos.problemId, id))
    .orderBy(asc(problemPhotos.id));
  const brief = (await briefs(ctx, [id])).get(id) ?? [];
  const deptPath = actor.scope.kind === 'dept' ? actor.scope.path : null;
  const item = presentListItem(row, brief, deptPath, cal, today);
  const mine = s.assignments.filter((a) => deptPath !== null && units.get(a.deptUnitId)?.path.startsWith(deptPath));
  const open = (st: string[]) => mine.filter((a) => st.includes(a.status));
  const owner = s.ownerUserId === actor.userId && !isFinal(s.status);
  const handle = can(actor, 'problems.handle');
  const firstOk = <T>(xs: T[], ok: (x: T) => boolean) => xs.find(ok) ?? null;
  const lang = actor.lang;
  return {
    ...item,
    description: row.description,
    raiser: row.createdBy ? { id: row.createdBy, name: userName(row.createdBy) } : null,
    answer: s.answer,
    feedback: s.feedback,
    closeAnswer: s.closeAnswer,
    ratingComment: s.ratingComment,
    round: s.round,
    photos: photos.map((p) => ({
      id: p.id,
      url: `/api/problems/${id}/photos/${p.id}`,
      width: p.width,
      height: p.height,
    })),
    events: events.map((e) => ({
      seq: e.seq,
      type: e.type,
      label: EVENT_LABELS[e.type][lang],
      at: e.at,
      actor: e.actorUserId ? userName(e.actorUserId) : lang === 'zh' ? '系统' : 'System',
      actorUnit: e.actorUnitId ? nameOf(e.actorUnitId) : null,
      text: describeEvent(e, s, nameOf, userName)[lang],
    })),
    deadlines: explainDeadlines(s, cal, today, nameOf, lang),
    assignments: s.assignments.map((a) => ({
      no: a.no,
      dept: { id: a.deptUnitId, name: nameOf(a.deptUnitId) },
      role: a.role,
      designated: a.designated,
      round: a.round,
      status: a.status,
      dispatchedAt: a.dispatchedAt,
      signDue: a.signDue?.date ?? null,
      answerDue: a.answerDue.date,
      extensionDays: a.extensionDays,
      answer: a.answer,
      returnReason: a.returnReason,
    })),
    extensions: s.extensions.map((x) => ({
      requestNo: x.requestNo,
      assignmentNo: x.assignmentNo,
      dept: nameOf(s.assignments.find((a) => a.no === x.assignmentNo)?.deptUnitId),
      days: x.days,
      reason: x.reason,
      status: x.status,
      requestedAt: x.requestedAt,
      decidedAt: x.decidedAt,
      note: x.note,
    })),
    abilities: {
      accept: can(actor, 'problems.triage') && rules.checkAccept(s) === null,
      handOver: owner,
      dispatch: owner && rules.checkDispatch(s, [{ deptUnitId: -1, role: 'lead', designated: false }]) === null,
      sign: handle ? (firstOk(open(['to_sign']), (a) => rules.checkSign(s, a) === null)?.no ?? null) : null,
      return: handle
        ? (firstOk(open(['to_sign', 'in_hand']), (a) => rules.checkReturn(s, a) === null)?.no ?? null)
        : null,
      requestExtension: handle
        ? (firstOk(open(['to_sign', 'in_hand']), (a) => rules.checkExtensionRequest(s, a) === null)?.no ?? null)
        : null,
      decideExtension: owner ? s.extensions.filter((x) => x.status === 'pending').map((x) => x.requestNo) : [],
      answer: handle ? (firstOk(open(['in_hand']), (a) => rules.checkAnswer(s, a) === null)?.no ?? null) : null,
      feedback: owner && rules.checkFeedback(s) === null,
      rate: can(actor, 'problems.rate') && isRaiserSide(actor, row) && rules.checkRate(s) === null,
      close: !isFinal(s.status) && (owner || (can(actor, 'problems.triage') && s.status === 'submitted')),
    },
  };
}
