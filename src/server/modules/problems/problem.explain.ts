import type { CalendarData } from '../../../domain/calendar.js';
import type { IsoDate } from '../../../domain/dates.js';
import type { ProblemEvent } from '../../../domain/problem-events.js';
import type { DueEntry, Obligation, ProblemState } from '../../../domain/problem-flow.js';
import { elapsedWorkingDays, stepState, type StepState } from '../../../domain/sla.js';
import { provisionalReason } from '../../../shared/provisional.js';
import type { LocalText } from '../../errors.js';
import { EVENT_LABELS, RATING_LABELS, REMINDER_LABELS, STEP_LABELS } from '../../../shared/problem-labels.js';

export type NameOf = (unitId: number | null | undefined) => string;

function dueReason(step: Obligation['step'], e: DueEntry, dept: string, s: ProblemState): LocalText {
  const base = baseReason(step, e, dept, s);
  if (e.due.provisionalYear === null) return base;
  const why = provisionalReason(e.due.provisionalYear);
  return { zh: `${base.zh}（暂定：${why.zh}）`, en: `${base.en} (provisional: ${why.en})` };
}

function baseReason(step: Obligation['step'], e: DueEntry, dept: string, s: ProblemState): LocalText {
  if (step === 'feedback') {
    const lead = s.assignments.find((a) => a.no === s.leadNo);
    const after = lead?.policy.feedbackAfterAnswerDays ?? 0;
    return after === 0
      ? {
          zh: `反馈提出人不晚于主办单位答复时限（${e.due.date}）`,
          en: `Feedback to the raiser by the lead department’s answer deadline (${e.due.date})`,
        }
      : { zh: `主办单位答复时限后 ${after} 个工作日`, en: `${after} working days after the answer deadline` };
  }
  const who = dept ? `${dept} ` : '';
  switch (e.cause) {
    case 'dispatch':
    case 'redispatch':
      return {
        zh: `${who}${e.startOn} 派单起 ${e.days} 个工作日（按工作日历：节假日不计，调休上班日计入；从派单起算，不从签收起算）`,
        en: `${e.days} working days from dispatch on ${e.startOn} (official calendar; counted from dispatch, not from signing)`,
      };
    case 'extension':
      return {
        zh: `${who}${e.startOn} 派单起共 ${e.days} 个工作日（含已批准的延期）`,
        en: `${e.days} working days from dispatch on ${e.startOn}, approved extensions included`,
      };
    case 'reopen':
      return {
        zh: `${who}${e.startOn} 提出人不满意重办，重办时限 ${e.days} 个工作日`,
        en: `Reopened on ${e.startOn} after an unsatisfied rating: ${e.days} working days`,
      };
  }
}

export interface DeadlineView {
  key: string;
  step: Obligation['step'];
  label: string;
  assignmentNo: number | null;
  dept: string | null;
  due: IsoDate | null;
  /** 暂定: the year not loaded that this deadline was counted across (weekends only). */
  provisionalYear: number | null;
  state: StepState | 'ended';
  overdueDays: number | null;
  reason: string;
}

/** Every deadline of the problem with its reason, as shown on the detail page ("explain in one click"). */
export function explainDeadlines(
  s: ProblemState,
  cal: CalendarData,
  today: IsoDate,
  nameOf: NameOf,
  lang: 'zh' | 'en',
): DeadlineView[] {
  return s.obligations.map((o) => {
    const entry = o.dues[o.dues.length - 1] as DueEntry;
    const dept = o.deptUnitId === null ? null : nameOf(o.deptUnitId);
    const ended = o.endOn !== null && o.doneOn === null;
    const state = ended ? 'ended' : stepState(cal, entry.due, o.doneOn, today);
    const overdueDays = state === 'overdue' && entry.due.date ? elapsedWorkingDays(cal, entry.due.date, today) : null;
    const step = STEP_LABELS[o.step];
    const a = o.assignmentNo === null ? undefined : s.assignments.find((x) => x.no === o.assignmentNo);
    const role = a ? (a.role === 'lead' ? (lang === 'zh' ? '主办' : 'lead') : lang === 'zh' ? '协办' : 'co') : '';
    return {
      key: o.key,
      step: o.step,
      label:
        lang === 'zh'
          ? `${dept ? `${dept}（${role}）` : '首办负责人'}${step.zh}时限`
          : `${dept ? `${dept} (${role}) ` : 'Owner '}${step.en} deadline`,
      assignmentNo: o.assignmentNo,
      dept,
      due: entry.due.date,
      provisionalYear: entry.due.provisionalYear,
      state,
      overdueDays,
      reason: dueReason(o.step, entry, dept ?? '', s)[lang],
    };
  });
}

/** One line of the timeline for each event. */
export function describeEvent(
  e: ProblemEvent,
  s: ProblemState,
  nameOf: NameOf,
  userName: (id: number | null) => string,
): LocalText {
  const dept = (no: number) => nameOf(s.assignments.find((a) => a.no === no)?.deptUnitId);
  switch (e.type) {
    case 'raised':
      return { zh: '提出问题', en: 'Raised the problem' };
    case 'accepted':
      return { zh: `受理，成为首办负责人`, en: 'Accepted and became the owner' };
    case 'handed_over':
      return {
        zh: `移交给 ${userName(e.toUserId)}：${e.reason}`,
        en: `Handed over to ${userName(e.toUserId)}: ${e.reason}`,
      };
    case 'dispatched': {
      const lead = e.targets.filter((t) => t.role === 'lead').map((t) => nameOf(t.deptUnitId));
      const co = e.targets.filter((t) => t.role === 'co').map((t) => nameOf(t.deptUnitId));
      const designated = e.targets.some((t) => t.designated) ? '（指定办理，不得退单）' : '';
      return {
        zh: `派单：主办 ${lead.join('、')}${co.length ? `，协办 ${co.join('、')}` : ''}${designated}；签收 ${e.policy.signDays} 个、答复 ${e.policy.answerDays} 个工作日${e.note ? `；${e.note}` : ''}`,
        en: `Dispatched: lead ${lead.join(', ')}${co.length ? `, co ${co.join(', ')}` : ''}${designated ? ' (designated)' : ''}; sign ${e.policy.signDays}, answer ${e.policy.answerDays} working days`,
      };
    }
    case 'signed':
      return { zh: `${dept(e.assignmentNo)} 签收`, en: `${dept(e.assignmentNo)} signed` };
    case 'returned':
      return {
        zh: `${dept(e.assignmentNo)} 退单：${e.reason}`,
        en: `${dept(e.assignmentNo)} returned it: ${e.reason}`,
      };
    case 'extension_requested':
      return {
        zh: `${dept(e.assignmentNo)} 申请延期 ${e.days} 个工作日：${e.reason}`,
        en: `${dept(e.assignmentNo)} asked for ${e.days} more working days: ${e.reason}`,
      };
    case 'extension_decided':
      return e.approved
        ? { zh: `批准延期申请 #${e.requestNo}${e.note ? `：${e.note}` : ''}`, en: `Approved extension #${e.requestNo}` }
        : {
            zh: `不批准延期申请 #${e.requestNo}${e.note ? `：${e.note}` : ''}`,
            en: `Refused extension #${e.requestNo}`,
          };
    case 'answered':
      return { zh: `${dept(e.assignmentNo)} 答复：${e.text}`, en: `${dept(e.assignmentNo)} answered: ${e.text}` };
    case 'fed_back':
      return { zh: `反馈提出人：${e.text}`, en: `Fed back to the raiser: ${e.text}` };
    case 'rated':
      return {
        zh: `评价：${RATING_LABELS[e.rating].zh}${e.comment ? `（${e.comment}）` : ''}`,
        en: `Rated: ${RATING_LABELS[e.rating].en}${e.comment ? ` (${e.comment})` : ''}`,
      };
    case 'reopened':
      return {
        zh: `重办（第 ${e.round} 轮），${nameOf(e.deptUnitId)} ${e.policy.answerDays} 个工作日内重新答复`,
        en: `Reopened (round ${e.round}) for ${nameOf(e.deptUnitId)}`,
      };
    case 'closed':
      return e.reason === 'rated'
        ? { zh: '评价满意，办结关闭', en: 'Closed after a satisfied rating' }
        : {
            zh: `${e.reason === 'meeting' ? '联席会议决定关闭' : '关闭'}：${e.answer ?? ''}`,
            en: `${e.reason === 'meeting' ? 'Closed by joint meeting' : 'Closed'}: ${e.answer ?? ''}`,
          };
    case 'reminder':
      return {
        zh: `${REMINDER_LABELS[e.kind].zh}：${STEP_LABELS[e.step].zh}时限 ${e.due}${e.assignmentNo ? `（${dept(e.assignmentNo)}）` : ''}${e.late ? '（补记）' : ''}`,
        en: `${REMINDER_LABELS[e.kind].en}: ${STEP_LABELS[e.step].en} due ${e.due}${e.late ? ' (late)' : ''}`,
      };
  }
}

export const eventLabel = (type: ProblemEvent['type']) => EVENT_LABELS[type];
