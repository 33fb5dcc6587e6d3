import { asc, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { problemAssignments, problemEvents, problems } from '../../db/schema/index.js';
import type { CalendarData } from '../../../domain/calendar.js';
import { eventPayload, type ProblemEvent, type ProblemEventData } from '../../../domain/problem-events.js';
import { foldProblem, type ProblemState } from '../../../domain/problem-flow.js';
import { projectAssignments, projectProblem } from './problem.projection.js';

export interface EventActor {
  userId: number | null;
  name: string;
  unitId: number | null;
}

/** A problem's whole history, oldest first. */
export async function loadEvents(db: Executor, problemId: number): Promise<ProblemEvent[]> {
  const rows = await db
    .select()
    .from(problemEvents)
    .where(eq(problemEvents.problemId, problemId))
    .orderBy(asc(problemEvents.seq));
  return rows.map(
    (r) =>
      ({
        ...(r.data as object),
        type: r.type,
        seq: r.seq,
        at: r.at.toISOString(),
        actorUserId: r.actorUserId,
        actorUnitId: r.actorUnitId,
      }) as ProblemEvent,
  );
}

/** Appends events after `afterSeq` (the unique (problem, seq) index refuses a lost race). */
export async function appendEvents(
  tx: Tx,
  problemId: number,
  afterSeq: number,
  items: Array<{ data: ProblemEventData; actor: EventActor; at: Date }>,
): Promise<ProblemEvent[]> {
  if (items.length === 0) return [];
  const values = items.map((it, i) => ({
    problemId,
    seq: afterSeq + i + 1,
    type: it.data.type,
    at: it.at,
    actorUserId: it.actor.userId,
    actorName: it.actor.name,
    actorUnitId: it.actor.unitId,
    data: eventPayload(it.data),
  }));
  await tx.insert(problemEvents).values(values);
  return values.map((v, i) => ({
    ...(items[i] as { data: ProblemEventData }).data,
    seq: v.seq,
    at: v.at.toISOString(),
    actorUserId: v.actorUserId,
    actorUnitId: v.actorUnitId,
  }));
}

/** Waits for, then holds, the problem row until the transaction ends (steps on it queue). */
export async function lockProblem(tx: Tx, problemId: number): Promise<void> {
  await tx.select({ id: problems.id }).from(problems).where(eq(problems.id, problemId)).for('update');
}

/**
 * Bumps the version only if nobody else did since we read it: the optimistic lock. Returns false
 * when another step got there first (the caller answers 409).
 */
export async function claimVersion(tx: Tx, problemId: number, version: number, at: Date): Promise<boolean> {
  const rows = await tx
    .update(problems)
    .set({ version: sql`${problems.version} + 1`, updatedAt: at })
    .where(sql`${problems.id} = ${problemId} and ${problems.version} = ${version}`)
    .returning({ id: problems.id });
  return rows.length === 1;
}

/** Rewrites the projection (problem columns and assignment rows) from a fold of the history. */
export async function writeProjection(
  tx: Tx,
  problemId: number,
  events: readonly ProblemEvent[],
  cal: CalendarData,
): Promise<ProblemState> {
  const state = foldProblem(events, cal);
  await tx
    .update(problems)
    .set({ ...projectProblem(state, cal), eventCount: events.length })
    .where(eq(problems.id, problemId));
  await tx.delete(problemAssignments).where(eq(problemAssignments.problemId, problemId));
  const rows = projectAssignments(problemId, state);
  if (rows.length) await tx.insert(problemAssignments).values(rows);
  return state;
}
