import type { Tx } from '../../db/client.js';
import type { ProblemEvent } from '../../../domain/problem-events.js';
import type { ProblemState } from '../../../domain/problem-flow.js';
import { provisionalReason } from '../../../shared/provisional.js';
import type { Due } from '../../../domain/sla.js';
import { notifyUsers } from '../notifications/index.js';
import { REMINDER_LABELS, STEP_LABELS } from '../../../shared/problem-labels.js';
import { deptHandlers, deptHead, leaderInCharge, raiserSide, triageUsers } from './problem.recipients.js';
import { unitNames } from './problem.repository.js';
import { enqueueWebhook } from './problem.webhook.js';

export interface ProblemRef {
  id: number;
  title: string;
  scopePath: string;
  projectId: number | null;
  firmUnitId: number | null;
  createdBy: number | null;
}

const dueText = (d: Due | null | undefined): { zh: string; en: string } =>
  !d
    ? { zh: '—', en: '—' }
    : d.provisionalYear
      ? { zh: `${d.date}（暂定：${provisionalReason(d.provisionalYear).zh}）`, en: `${d.date} (provisional)` }
      : { zh: d.date, en: d.date };

/**
 * The inbox message (and group-robot message) for every step that needs someone's action,
 * written in the same transaction as the step.
 */
export async function notifyEvents(
  tx: Tx,
  p: ProblemRef,
  s: ProblemState,
  events: ProblemEvent[],
  at: Date,
): Promise<void> {
  const link = `/problems/${p.id}`;
  const base = { entity: 'problem', entityId: p.id, link };
  const names = await unitNames(
    tx,
    s.assignments.map((a) => a.deptUnitId),
  );
  const deptName = (id: number | null) => (id === null ? '' : (names.get(id)?.name ?? ''));
  const owner = s.ownerUserId === null ? [] : [s.ownerUserId];
  for (const e of events) {
    switch (e.type) {
      case 'raised':
        await notifyUsers(
          tx,
          await triageUsers(tx, p.scopePath, p.projectId),
          {
            ...base,
            kind: 'problem.raised',
            title: { zh: `新问题待受理：${p.title}`, en: `New problem to accept: ${p.title}` },
          },
          at,
        );
        break;
      case 'accepted':
        await notifyUsers(
          tx,
          await raiserSide(tx, p.firmUnitId, p.createdBy),
          {
            ...base,
            kind: 'problem.accepted',
            title: { zh: `您的问题已受理：${p.title}`, en: `Your problem was accepted: ${p.title}` },
          },
          at,
        );
        break;
      case 'handed_over':
        await notifyUsers(
          tx,
          [e.toUserId],
          {
            ...base,
            kind: 'problem.handed_over',
            title: { zh: `问题移交给您负责：${p.title}`, en: `A problem was handed over to you: ${p.title}` },
            body: { zh: e.reason, en: e.reason },
          },
          at,
        );
        break;
      case 'dispatched':
        for (const t of e.targets) {
          const a = s.assignments.find((x) => x.no === t.no);
          const sign = dueText(a?.signDue);
          const answer = dueText(a?.answerDue);
          const role = t.role === 'lead' ? { zh: '主办', en: 'lead' } : { zh: '协办', en: 'co-handling' };
          await notifyUsers(
            tx,
            await deptHandlers(tx, t.deptUnitId),
            {
              ...base,
              kind: 'problem.dispatched',
              title: { zh: `待签收（${role.zh}）：${p.title}`, en: `To sign (${role.en}): ${p.title}` },
              body: {
                zh: `签收时限 ${sign.zh}，答复时限 ${answer.zh}`,
                en: `Sign by ${sign.en}, answer by ${answer.en}`,
              },
            },
            at,
          );
          await enqueueWebhook(
            tx,
            t.deptUnitId,
            p.id,
            'dispatched',
            {
              title: `【待签收】${p.title}`,
              lines: [`${role.zh}单位：${deptName(t.deptUnitId)}`, `签收时限：${sign.zh}`, `答复时限：${answer.zh}`],
            },
            at,
          );
        }
        break;
      case 'returned': {
        const a = s.assignments.find((x) => x.no === e.assignmentNo);
        await notifyUsers(
          tx,
          owner,
          {
            ...base,
            kind: 'problem.returned',
            title: {
              zh: `${deptName(a?.deptUnitId ?? null)} 退单，请重新派单：${p.title}`,
              en: `Returned by a department, dispatch again: ${p.title}`,
            },
            body: { zh: e.reason, en: e.reason },
          },
          at,
        );
        break;
      }
      case 'extension_requested':
        await notifyUsers(
          tx,
          owner,
          {
            ...base,
            kind: 'problem.extension',
            title: {
              zh: `延期申请待审批（${e.days} 个工作日）：${p.title}`,
              en: `Extension request (${e.days} working days): ${p.title}`,
            },
            body: { zh: e.reason, en: e.reason },
          },
          at,
        );
        break;
      case 'extension_decided': {
        const x = s.extensions.find((r) => r.requestNo === e.requestNo);
        const a = s.assignments.find((y) => y.no === x?.assignmentNo);
        if (a) {
          const t = e.approved
            ? {
                zh: `延期已批准，新答复时限 ${dueText(a.answerDue).zh}`,
                en: `Extension approved; answer by ${dueText(a.answerDue).en}`,
              }
            : { zh: '延期申请未批准，答复时限不变', en: 'Extension refused; the deadline stands' };
          await notifyUsers(
            tx,
            await deptHandlers(tx, a.deptUnitId),
            { ...base, kind: 'problem.extension', title: { zh: `${t.zh}：${p.title}`, en: `${t.en}: ${p.title}` } },
            at,
          );
        }
        break;
      }
      case 'answered':
        if (e.assignmentNo === s.leadNo)
          await notifyUsers(
            tx,
            owner,
            {
              ...base,
              kind: 'problem.answered',
              title: {
                zh: `部门已答复，待反馈提出人：${p.title}`,
                en: `Answered; give feedback to the raiser: ${p.title}`,
              },
            },
            at,
          );
        break;
      case 'fed_back':
        await notifyUsers(
          tx,
          await raiserSide(tx, p.firmUnitId, p.createdBy),
          {
            ...base,
            kind: 'problem.fed_back',
            title: {
              zh: `问题已答复，请评价：${p.title}`,
              en: `Your problem was answered; please rate it: ${p.title}`,
            },
            body: { zh: e.text, en: e.text },
          },
          at,
        );
        break;
      case 'signed':
      case 'rated':
        break;
      case 'reopened': {
        const due = dueText(s.assignments.find((x) => x.no === e.assignmentNo)?.answerDue);
        const msg = { zh: `提出人不满意，重办：${p.title}`, en: `Unsatisfied: reopened: ${p.title}` };
        await notifyUsers(
          tx,
          [...(await deptHandlers(tx, e.deptUnitId)), ...owner],
          {
            ...base,
            kind: 'problem.reopened',
            title: msg,
            body: { zh: `新答复时限 ${due.zh}`, en: `Answer by ${due.en}` },
          },
          at,
        );
        await enqueueWebhook(
          tx,
          e.deptUnitId,
          p.id,
          'reopened',
          { title: `【重办】${p.title}`, lines: [`新答复时限：${due.zh}`] },
          at,
        );
        break;
      }
      case 'closed':
        if (e.reason !== 'rated')
          await notifyUsers(
            tx,
            await raiserSide(tx, p.firmUnitId, p.createdBy),
            {
              ...base,
              kind: 'problem.closed',
              title: { zh: `问题已办结关闭：${p.title}`, en: `Problem closed: ${p.title}` },
              ...(e.answer ? { body: { zh: e.answer, en: e.answer } } : {}),
            },
            at,
          );
        break;
      case 'reminder': {
        if (e.late && e.kind === 'warning') break;
        const a = e.assignmentNo === null ? undefined : s.assignments.find((x) => x.no === e.assignmentNo);
        const label = REMINDER_LABELS[e.kind];
        const step = STEP_LABELS[e.step];
        const title = {
          zh: `【${label.zh}】${step.zh}时限 ${e.due}：${p.title}`,
          en: `[${label.en}] ${step.en} due ${e.due}: ${p.title}`,
        };
        let to: number[];
        if (e.kind === 'report')
          to = [...(await leaderInCharge(tx, a?.deptUnitId ?? null, p.projectId, p.scopePath)), ...owner];
        else if (!a) to = owner;
        else if (e.kind === 'urge')
          to = [...(await deptHead(tx, a.deptUnitId)), ...(await deptHandlers(tx, a.deptUnitId))];
        else to = await deptHandlers(tx, a.deptUnitId);
        await notifyUsers(
          tx,
          to,
          {
            ...base,
            kind: `problem.${e.kind}`,
            title,
            body: a
              ? { zh: `责任单位：${deptName(a.deptUnitId)}`, en: `Department: ${deptName(a.deptUnitId)}` }
              : undefined,
            dedupeKey: `problem:${p.id}:${e.key}`,
          },
          at,
        );
        if (a && e.kind !== 'report')
          await enqueueWebhook(
            tx,
            a.deptUnitId,
            p.id,
            e.kind,
            {
              title: `【${label.zh}】${p.title}`,
              lines: [`${step.zh}时限：${e.due}`, `责任单位：${deptName(a.deptUnitId)}`],
            },
            at,
          );
        break;
      }
    }
  }
}
