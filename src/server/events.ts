import type { AppContext } from './context.js';
import type { Tx } from './db/client.js';
import type { AuditActor } from './actor.js';
import type { ProjectRow, SupervisionFindingRow } from './db/schema/index.js';
import type { CalendarData } from '../domain/calendar.js';
import type { IsoDate } from '../domain/dates.js';

/** What each module recomputed when a calendar year was loaded (for the one audit row). */
export type CalendarRecompute = Record<string, { items: number; moved: number[] }>;

/**
 * Domain events, handled inside the transaction of the change that raised them, so a consequence
 * (a "set up the branch" task, a problem opened from a finding) commits or rolls back with its cause.
 * Modules subscribe in their `*.subscribers.ts`, imported from modules/index.ts; no module imports
 * another module's service to react to it.
 */
export interface DomainEvents {
  /** A project was registered (三同步: the party branch is set up with it). */
  'project.created': { project: ProjectRow };
  /**
   * What a project's warning is computed from changed — it was registered, or its plan, nodes, progress
   * or stage moved. The warnings module recomputes the 红黄蓝 colour of `projectIds` in the same
   * transaction (projects stores what it returns). `calendar` is loaded before the transaction opens.
   */
  'project.changed': { projectIds: number[]; calendar: CalendarData; today: IsoDate; now: Date };
  /** A project moved stage, e.g. to 竣工 (its temporary branch is then transformed or closed). */
  'project.stageChanged': { project: ProjectRow; from: string; to: string };
  /**
   * 季督办 recorded a finding about a project. The problem ledger subscribes and opens a problem
   * (source 'supervision') from it, writing the problem's id back to supervision_findings.problem_id in the same transaction.
   */
  'supervision.findingRaised': {
    finding: SupervisionFindingRow;
    project: ProjectRow;
    visit: { id: number; quarter: string; groupName: string; visitedOn: string };
  };
  /**
   * A year's official holiday schedule was loaded or replaced. Each module recomputes its provisional
   * (暂定) deadlines with `calendar` (which includes the year) in the same transaction, tells the
   * people whose dates moved, and records what it did in `recomputed` for the calendar's audit row.
   * `replaced` is true when the year was loaded before (its dates were then not provisional).
   */
  'calendar.yearLoaded': {
    year: number;
    calendar: CalendarData;
    today: IsoDate;
    recomputed: CalendarRecompute;
    replaced: boolean;
  };
  /** An account was disabled: the auth module ends its sessions. */
  'user.disabled': { userId: number };
  /** An administrator set a temporary password: the auth module ends the sessions and lifts the login lock. */
  'user.passwordReset': { userId: number; username: string };
  /** An administrator lifted the login lock of an account (the auth module keeps the failure counts). */
  'user.unlocked': { userId: number; username: string };
}

export type EventName = keyof DomainEvents;
type Handler<K extends EventName> = (
  tx: Tx,
  ctx: AppContext,
  who: AuditActor,
  payload: DomainEvents[K],
) => Promise<void>;

const handlers = new Map<EventName, Array<Handler<never>>>();

export function onEvent<K extends EventName>(name: K, handler: Handler<K>): void {
  handlers.set(name, [...(handlers.get(name) ?? []), handler as Handler<never>]);
}

export async function emitEvent<K extends EventName>(
  tx: Tx,
  ctx: AppContext,
  who: AuditActor,
  name: K,
  payload: DomainEvents[K],
): Promise<void> {
  for (const h of (handlers.get(name) ?? []) as Array<Handler<K>>) await h(tx, ctx, who, payload);
}
