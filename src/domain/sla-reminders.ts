import type { CalendarData } from './calendar.js';
import type { IsoDate } from './dates.js';
import type { Step } from './problem-events.js';
import type { Obligation, ProblemState } from './problem-flow.js';
import { reminderDate, type ReminderKind } from './sla.js';

export interface OwedReminder {
  key: string;
  kind: ReminderKind;
  step: Step;
  assignmentNo: number | null;
  round: number;
  deptUnitId: number | null;
  due: IsoDate;
  fireOn: IsoDate;
}

const KINDS: ReminderKind[] = ['warning', 'urge', 'report'];

/**
 * Every reminder an obligation has earned by `asOf`, from its history alone. A reminder firing on
 * day F uses the deadline in force at the start of F (one set on F itself counts from F+1), and is
 * owed only if the obligation was still open at the start of F. Hence the set depends on history
 * and date only — not on when the job happened to run — and only grows as days pass.
 */
function remindersOf(
  o: Obligation,
  cal: CalendarData,
  asOf: IsoDate | null,
): Array<OwedReminder & { future: boolean }> {
  const out: Array<OwedReminder & { future: boolean }> = [];
  o.dues.forEach((entry, i) => {
    if (entry.due.date === null) return;
    for (const kind of KINDS) {
      const fire = reminderDate(cal, entry.due, kind);
      if (fire.date === null) continue;
      const f = fire.date;
      if (!(entry.from < f)) continue;
      if (o.dues.slice(i + 1).some((later) => later.from < f)) continue;
      if (o.endOn !== null && o.endOn < f) continue;
      out.push({
        key: `${kind}:${o.key}:${entry.due.date}`,
        kind,
        step: o.step,
        assignmentNo: o.assignmentNo,
        round: o.round,
        deptUnitId: o.deptUnitId,
        due: entry.due.date,
        fireOn: f,
        future: asOf !== null && f > asOf,
      });
    }
  });
  return out;
}

/** The reminders owed by `asOf` (recorded or not), in firing order. */
export function owedReminders(s: ProblemState, cal: CalendarData, asOf: IsoDate): OwedReminder[] {
  return s.obligations
    .flatMap((o) => remindersOf(o, cal, asOf))
    .filter((r) => !r.future)
    .map(({ future: _f, ...r }) => r)
    .sort((a, b) => a.fireOn.localeCompare(b.fireOn) || a.key.localeCompare(b.key));
}

/** Owed by `asOf` but not yet in the history: what the SLA job must send now. */
export function unsentReminders(s: ProblemState, cal: CalendarData, asOf: IsoDate): OwedReminder[] {
  const sent = new Set(s.reminderKeys);
  return owedReminders(s, cal, asOf).filter((r) => !sent.has(r.key));
}

/**
 * The first day on which a reminder not yet sent may fall due (so the job looks only at problems
 * whose day has come); null when nothing more can fire.
 */
export function nextReminderOn(s: ProblemState, cal: CalendarData): IsoDate | null {
  const sent = new Set(s.reminderKeys);
  let next: IsoDate | null = null;
  for (const o of s.obligations) {
    for (const r of remindersOf(o, cal, null))
      if (!sent.has(r.key) && (next === null || r.fireOn < next)) next = r.fireOn;
  }
  return next;
}
