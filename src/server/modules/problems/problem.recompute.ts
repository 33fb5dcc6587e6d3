import { asc, eq, isNotNull } from 'drizzle-orm';
import { onEvent } from '../../events.js';
import { problemAssignments, problems } from '../../db/schema/index.js';
import { notifyUsers } from '../notifications/index.js';
import { loadEvents, writeProjection } from './problem.store.js';
import { deptHandlers } from './problem.recipients.js';

const OPEN_STEPS = new Set(['to_sign', 'in_hand']);
const FINAL = new Set(['rated', 'closed']);

const moveText = (label: string, from: string | null, to: string | null) => `${label} ${from ?? '—'} → ${to ?? '—'}`;

/**
 * A calendar year was loaded: every problem with a provisional (暂定) deadline is re-projected from
 * its history with the new calendar, in the loading transaction. The owner (首办负责人) hears when the
 * problem's answer or feedback deadline moved, each department still at work when its own did.
 */
onEvent('calendar.yearLoaded', async (tx, ctx, _who, { year, calendar, recomputed }) => {
  const rows = await tx
    .select({
      id: problems.id,
      title: problems.title,
      status: problems.status,
      ownerUserId: problems.ownerUserId,
      answerDue: problems.answerDue,
      feedbackDue: problems.feedbackDue,
    })
    .from(problems)
    .where(isNotNull(problems.slaProvisionalYear))
    .orderBy(asc(problems.id));
  const moved: number[] = [];
  const now = ctx.clock.now();
  for (const r of rows) {
    const before = await tx
      .select({
        no: problemAssignments.no,
        signDue: problemAssignments.signDue,
        answerDue: problemAssignments.answerDue,
      })
      .from(problemAssignments)
      .where(eq(problemAssignments.problemId, r.id));
    const s = await writeProjection(tx, r.id, await loadEvents(tx, r.id), calendar);
    const title = {
      zh: `「${r.title}」的时限已按 ${year} 年节假日安排重新计算`,
      en: `Deadlines of “${r.title}” recomputed with the ${year} schedule`,
    };
    const base = {
      kind: 'problem.deadline_moved',
      title,
      link: `/problems/${r.id}`,
      entity: 'problem',
      entityId: r.id,
    };
    let any = false;
    for (const a of s.assignments) {
      const b = before.find((x) => x.no === a.no);
      const sign = a.signDue?.date ?? null;
      if (!b || (b.signDue === sign && b.answerDue === a.answerDue.date)) continue;
      any = true;
      if (!OPEN_STEPS.has(a.status)) continue;
      const lines = [
        b.signDue !== sign ? moveText('签收时限', b.signDue, sign) : null,
        b.answerDue !== a.answerDue.date ? moveText('答复时限', b.answerDue, a.answerDue.date) : null,
      ].filter(Boolean);
      await notifyUsers(
        tx,
        await deptHandlers(tx, a.deptUnitId),
        { ...base, body: { zh: lines.join('；'), en: lines.join('; ') } },
        now,
      );
    }
    const answer = s.answerDue?.date ?? null;
    const feedback = s.feedbackDue?.date ?? null;
    if (r.answerDue !== answer || r.feedbackDue !== feedback) {
      any = true;
      if (r.ownerUserId && !FINAL.has(s.status)) {
        const lines = [
          r.answerDue !== answer ? moveText('答复时限', r.answerDue, answer) : null,
          r.feedbackDue !== feedback ? moveText('反馈时限', r.feedbackDue, feedback) : null,
        ].filter(Boolean);
        await notifyUsers(tx, [r.ownerUserId], { ...base, body: { zh: lines.join('；'), en: lines.join('; ') } }, now);
      }
    }
    if (any) moved.push(r.id);
  }
  recomputed.problems = { items: rows.length, moved };
});
