import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { SYSTEM_ACTOR } from '../../actor.js';
import { problems } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { chinaDate } from '../../../domain/dates.js';
import { foldProblem } from '../../../domain/problem-flow.js';
import { unsentReminders } from '../../../domain/sla-reminders.js';
import type { ProblemEventData } from '../../../domain/problem-events.js';
import { appendEvents, claimVersion, loadEvents, writeProjection } from './problem.store.js';
import { notifyEvents } from './problem.notify.js';
import { deliverDueWebhooks } from './problem.webhook.js';

const SYSTEM = { userId: null, name: '系统', unitId: null };

/**
 * The SLA job: for every problem whose reminder day has come (next_reminder_on ≤ today), append the
 * reminders its history now owes — 预警, 催办, 通报 — and send them; also recompute problems whose
 * deadlines were provisional on a year now loaded (normally done by the load itself, here a safety
 * net). Idempotent: what is owed is derived from the history, and what was already sent is in it. Returns how many problems it touched.
 */
export async function runSlaReminders(ctx: AppContext, batch = 500): Promise<number> {
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const loaded = [...cal.years];
  const due = await ctx.db
    .select({ id: problems.id })
    .from(problems)
    .where(
      or(
        sql`${problems.nextReminderOn} <= ${today}`,
        loaded.length ? inArray(problems.slaProvisionalYear, loaded) : undefined,
        // rows stored before provisional dates existed: a pending year and no date yet
        sql`${problems.slaProvisionalYear} is not null and ${problems.answerDue} is null`,
      ),
    )
    .orderBy(asc(problems.id))
    .limit(batch);
  let touched = 0;
  for (const { id } of due) {
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx.select().from(problems).where(eq(problems.id, id));
      if (!row) return;
      const events = await loadEvents(tx, id);
      const state = foldProblem(events, cal);
      const owed = unsentReminders(state, cal, today);
      if (owed.length === 0) {
        await writeProjection(tx, id, events, cal);
        return;
      }
      // A user's step in the same instant wins; this problem is picked up again on the next run.
      if (!(await claimVersion(tx, id, row.version, now))) return;
      const data: ProblemEventData[] = owed.map((r) => ({
        type: 'reminder',
        key: r.key,
        kind: r.kind,
        step: r.step,
        assignmentNo: r.assignmentNo,
        round: r.round,
        due: r.due,
        fireOn: r.fireOn,
        late: r.fireOn < today,
      }));
      const appended = await appendEvents(
        tx,
        id,
        events.length,
        data.map((d) => ({ data: d, actor: SYSTEM, at: now })),
      );
      const next = await writeProjection(tx, id, [...events, ...appended], cal);
      await notifyEvents(tx, row, next, appended, now);
      await recordAudit(
        tx,
        SYSTEM_ACTOR,
        { entity: 'problem', entityId: id, action: 'sla_reminder', after: { reminders: owed.map((r) => r.key) } },
        now,
      );
      touched++;
    });
  }
  return touched;
}

export const problemJobs = [
  {
    name: 'problem-sla-reminders',
    everyMs: 10 * 60_000,
    run: async (ctx: AppContext) => void (await runSlaReminders(ctx)),
  },
  { name: 'problem-webhooks', everyMs: 30_000, run: async (ctx: AppContext) => void (await deliverDueWebhooks(ctx)) },
];
