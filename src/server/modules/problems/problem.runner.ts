import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import type { Tx } from '../../db/client.js';
import type { ProblemRow } from '../../db/schema/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import type { CalendarData } from '../../../domain/calendar.js';
import type { ProblemEvent, ProblemEventData } from '../../../domain/problem-events.js';
import { foldProblem, type ProblemState } from '../../../domain/problem-flow.js';
import type { RuleText } from '../../../domain/problem-rules.js';
import {
  appendEvents,
  claimVersion,
  loadEvents,
  lockProblem,
  writeProjection,
  type EventActor,
} from './problem.store.js';
import { findProblemRow } from './problem.repository.js';
import { notifyEvents } from './problem.notify.js';

export const PROBLEM = { zh: '问题', en: 'Problem' };

export const STALE = {
  zh: '该问题刚刚被其他人处理过，您看到的已不是最新状态，请刷新后重试',
  en: 'Someone else has just acted on this problem; reload it and try again',
};

/** A step refused by the rules: 409 with the rule's reason. */
export function refuse(r: RuleText | null): void {
  if (r) throw conflict(r);
}

/** The problem after a step: its whole history and the state folded from it (the answer is built from them). */
export interface StepResult {
  events: ProblemEvent[];
  state: ProblemState;
}

export interface StepInput {
  tx: Tx;
  row: ProblemRow;
  state: ProblemState;
  cal: CalendarData;
  now: Date;
}

export function eventActorOf(actor: Actor): EventActor {
  return { userId: actor.userId, name: actor.displayName, unitId: actor.scope.unitId };
}

/**
 * Runs one step of a problem in one transaction: read the history, let `plan` check the rules and
 * return the new events, claim the version (a concurrent step makes this fail → 409), append the
 * events, rewrite the projection from the whole history, notify, audit.
 */
export async function runStep(
  ctx: AppContext,
  actor: Actor,
  id: number,
  expectedVersion: number | undefined,
  action: string,
  plan: (s: StepInput) => Promise<ProblemEventData[]>,
  opts: StepOptions = {},
): Promise<StepResult> {
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  return ctx.db.transaction((tx) => applyStep(tx, actor, id, expectedVersion, action, cal, now, plan, opts));
}

export interface StepOptions {
  /**
   * A department's own step (签收): it depends only on that department's assignment, which `plan`
   * checks, not on what other departments did meanwhile. The problem row is locked first so such
   * steps queue instead of racing, and the client's problem version is not held against it.
   */
  ownStep?: boolean;
}

/** The body of runStep inside a caller's transaction (a joint-meeting decision closes a problem in its own). */
export async function applyStep(
  tx: Tx,
  actor: Actor,
  id: number,
  expectedVersion: number | undefined,
  action: string,
  cal: CalendarData,
  now: Date,
  plan: (s: StepInput) => Promise<ProblemEventData[]>,
  opts: StepOptions = {},
): Promise<StepResult> {
  if (opts.ownStep) await lockProblem(tx, id);
  const row = await findProblemRow(tx, actor, id);
  if (!row) throw notFound(PROBLEM);
  if (!opts.ownStep && expectedVersion !== undefined && expectedVersion !== row.version)
    throw conflict(STALE, { version: row.version });
  const events = await loadEvents(tx, id);
  const state = foldProblem(events, cal);
  const planned = await plan({ tx, row, state, cal, now });
  if (!(await claimVersion(tx, id, row.version, now))) throw conflict(STALE);
  const appended = await appendEvents(
    tx,
    id,
    events.length,
    planned.map((data) => ({ data, actor: eventActorOf(actor), at: now })),
  );
  const history = [...events, ...appended];
  const next = await writeProjection(tx, id, history, cal);
  await notifyEvents(tx, row, next, appended, now);
  await recordAudit(
    tx,
    auditActorOf(actor),
    {
      entity: 'problem',
      entityId: id,
      action,
      before: { status: state.status, version: row.version },
      after: { status: next.status, version: row.version + 1, events: appended.map((e) => e.type) },
    },
    now,
  );
  return { events: history, state: next };
}

export function isConflict(e: unknown): boolean {
  return e instanceof AppError && e.code === 'CONFLICT';
}
