import { and, asc, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import { onEvent } from '../../events.js';
import { problemAssignments, problems } from '../../db/schema/index.js';
import { PROBLEM_STATUS_LABELS } from '../../../shared/problem-labels.js';
import { registerDispatchContributor, type OpenItems } from '../dispatch/index.js';
import { notifyUsers } from '../notifications/index.js';
import { linkFindingToProblem } from '../supervision/index.js';
import { insertProblem, projectTownPath, titleFrom } from './problem.intake.js';
import { loadEvents, writeProjection } from './problem.store.js';
import { deptHandlers } from './problem.recipients.js';

/** How the problems module reacts to other modules: their events, and what it contributes to them. */

/**
 * A supervision finding (季督办) becomes a problem in the ledger, in the same transaction as the
 * finding, with source 'supervision', and the finding records which problem it became. The finding
 * id doubles as the idempotency key.
 */
onEvent('supervision.findingRaised', async (tx, ctx, who, { finding, project, visit }) => {
  const place = await projectTownPath(tx, project.id);
  if (!place) throw new Error(`supervision finding for unknown project ${project.id}`);
  const text = finding.description.trim();
  const { id } = await insertProblem(
    tx,
    { userId: who.userId, name: who.name, unitId: null },
    who,
    {
      source: 'supervision',
      category: 'other',
      title: titleFrom(text),
      description: `${visit.quarter} 季督办（${visit.groupName}，${visit.visitedOn}）：${text}`,
      firmUnitId: place.ownerFirmUnitId,
      projectId: project.id,
      scopePath: place.firmPath ?? place.path,
      createdBy: who.userId,
      clientRequestId: `supervision:${finding.id}`,
      meetingId: null,
      sourceRef: `finding:${finding.id}@${visit.visitedOn}`,
      photoIds: [],
    },
    ctx.clock.now(),
  );
  await linkFindingToProblem(tx, finding.id, id);
});

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

/**
 * 月调度 prefill: a project's problems not yet finished (未办结问题) appear in its monthly dispatch
 * report, with their status and answer deadline, so the commissioner does not type them again.
 */
registerDispatchContributor(async (db, projectIds) => {
  const rows = await db
    .select({
      projectId: problems.projectId,
      title: problems.title,
      status: problems.status,
      answerDue: problems.answerDue,
    })
    .from(problems)
    .where(and(inArray(problems.projectId, projectIds), notInArray(problems.status, ['rated', 'closed'])))
    .orderBy(asc(problems.id));
  const out = new Map<number, OpenItems>();
  for (const r of rows) {
    if (r.projectId === null) continue;
    const cur = out.get(r.projectId) ?? {
      key: 'problems',
      label: { zh: '问题台账未办结问题', en: 'Open problems in the ledger' },
      count: 0,
      items: [],
    };
    const label = PROBLEM_STATUS_LABELS[r.status as keyof typeof PROBLEM_STATUS_LABELS] ?? {
      zh: r.status,
      en: r.status,
    };
    const due = r.answerDue ? `，答复期限 ${r.answerDue}` : '';
    const dueEn = r.answerDue ? `, answer due ${r.answerDue}` : '';
    cur.count++;
    cur.items.push({ zh: `【${label.zh}】${r.title}${due}`, en: `[${label.en}] ${r.title}${dueEn}` });
    out.set(r.projectId, cur);
  }
  return out;
});
