import { addDays, type IsoDate } from './dates.js';

/**
 * 发展党员 pipeline: 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员. Statutory durations:
 * the talk (谈话) within 1 month of the application; at least one year as 积极分子 before becoming
 * 发展对象; probation (预备期) one year from admission, extendable once by 6–12 months (the due date
 * moves with it). Late dates WARN. Early 发展对象 and early 转正 are recorded only when confirmed with
 * a reason (earlyStep); the warning then stays on the record.
 */
export const PIPELINE_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const STAGE_LABELS: Record<PipelineStage, { zh: string; en: string }> = {
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  candidate: { zh: '发展对象', en: 'Candidate' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
};

export const PIPELINE_STEPS = ['apply', 'talk', 'activist', 'candidate', 'admit', 'extend', 'full'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export interface PipelineDates {
  appliedOn?: IsoDate | null;
  talkedOn?: IsoDate | null;
  activistOn?: IsoDate | null;
  candidateOn?: IsoDate | null;
  admittedOn?: IsoDate | null;
  extensionMonths?: number | null;
  fullOn?: IsoDate | null;
}

export type DueKey = 'talk' | 'candidate' | 'full';
export type DueStatus = 'waiting' | 'due_soon' | 'overdue' | 'ready';

export interface PipelineDue {
  key: DueKey;
  dueOn: IsoDate;
  status: DueStatus;
  /** Explained in words: what is due, by when, and why. */
  text: { zh: string; en: string };
}

export interface PipelineWarning {
  code: 'talk_late' | 'activist_short' | 'full_late' | 'full_early';
  text: { zh: string; en: string };
}

export interface PipelineView {
  stage: PipelineStage | null;
  next: PipelineDue | null;
  warnings: PipelineWarning[];
  probationEndsOn: IsoDate | null;
}

/** Days before a due date from which it counts as "due soon" (and reminders go out). */
export const DUE_SOON_DAYS = 14;

/** Adds calendar months; the 31st of a shorter month becomes its last day. */
export function addMonths(d: IsoDate, n: number): IsoDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

export function stageOf(r: PipelineDates): PipelineStage | null {
  if (r.fullOn) return 'full';
  if (r.admittedOn) return 'probationary';
  if (r.candidateOn) return 'candidate';
  if (r.activistOn) return 'activist';
  if (r.appliedOn) return 'applicant';
  return null;
}

/** The day probation ends: one year after admission plus the extension, if any. */
export function probationEnd(r: PipelineDates): IsoDate | null {
  if (!r.admittedOn) return null;
  return addMonths(r.admittedOn, 12 + (r.extensionMonths ?? 0));
}

function statusOf(dueOn: IsoDate, today: IsoDate, lateIsOverdue: boolean): DueStatus {
  if (today > dueOn) return lateIsOverdue ? 'overdue' : 'ready';
  if (today === dueOn && !lateIsOverdue) return 'ready';
  return addDays(dueOn, -DUE_SOON_DAYS) <= today ? 'due_soon' : 'waiting';
}

/** Where a person stands, what is due next (with the reason in words) and what was late or early. */
export function pipelineView(r: PipelineDates, today: IsoDate): PipelineView {
  const stage = stageOf(r);
  const warnings: PipelineWarning[] = [];
  let next: PipelineDue | null = null;
  if (r.appliedOn) {
    const talkDue = addMonths(r.appliedOn, 1);
    if (r.talkedOn && r.talkedOn > talkDue)
      warnings.push({
        code: 'talk_late',
        text: {
          zh: `谈话于${r.talkedOn}进行，晚于申请后一个月（应在${talkDue}前）`,
          en: `Talk on ${r.talkedOn}, later than one month after the application (due ${talkDue})`,
        },
      });
    if (!r.talkedOn && stage === 'applicant')
      next = {
        key: 'talk',
        dueOn: talkDue,
        status: statusOf(talkDue, today, true),
        text: {
          zh: `${r.appliedOn}递交入党申请书，党组织应在一个月内（${talkDue}前）派人谈话`,
          en: `Applied on ${r.appliedOn}; the talk is due within one month, by ${talkDue}`,
        },
      };
  }
  if (r.activistOn) {
    const earliest = addMonths(r.activistOn, 12);
    if (r.candidateOn && r.candidateOn < earliest)
      warnings.push({
        code: 'activist_short',
        text: {
          zh: `列为发展对象（${r.candidateOn}）时培养考察不满一年（应不早于${earliest}）`,
          en: `Became a candidate on ${r.candidateOn}, less than one year as an activist (not before ${earliest})`,
        },
      });
    if (stage === 'activist')
      next = {
        key: 'candidate',
        dueOn: earliest,
        status: statusOf(earliest, today, false),
        text: {
          zh: `${r.activistOn}确定为入党积极分子，培养考察满一年（${earliest}起）可列为发展对象`,
          en: `Activist since ${r.activistOn}; may become a candidate after one year, from ${earliest}`,
        },
      };
  }
  const end = probationEnd(r);
  if (r.admittedOn && end) {
    if (r.fullOn && r.fullOn < end)
      warnings.push({
        code: 'full_early',
        text: {
          zh: `转正（${r.fullOn}）早于预备期满（${end}）`,
          en: `Made full on ${r.fullOn}, before probation ended on ${end}`,
        },
      });
    if (r.fullOn && r.fullOn > end)
      warnings.push({
        code: 'full_late',
        text: {
          zh: `转正（${r.fullOn}）晚于预备期满（${end}）`,
          en: `Made full on ${r.fullOn}, after probation ended on ${end}`,
        },
      });
    if (stage === 'probationary') {
      const ext = r.extensionMonths ? `，已延长预备期${r.extensionMonths}个月` : '';
      const extEn = r.extensionMonths ? `, extended by ${r.extensionMonths} months` : '';
      next = {
        key: 'full',
        dueOn: end,
        status: statusOf(end, today, true),
        text: {
          zh: `${r.admittedOn}接收为预备党员，预备期一年${ext}，应于${end}讨论转正`,
          en: `Admitted on ${r.admittedOn}; probation of one year${extEn}; full membership due on ${end}`,
        },
      };
    }
  }
  return { stage, next, warnings, probationEndsOn: end };
}

export type StepRefusal = { zh: string; en: string };

const PREVIOUS: Record<PipelineStep, keyof PipelineDates | null> = {
  apply: null,
  talk: 'appliedOn',
  activist: 'appliedOn',
  candidate: 'activistOn',
  admit: 'candidateOn',
  extend: 'admittedOn',
  full: 'admittedOn',
};

const FIELD: Record<Exclude<PipelineStep, 'extend'>, keyof PipelineDates> = {
  apply: 'appliedOn',
  talk: 'talkedOn',
  activist: 'activistOn',
  candidate: 'candidateOn',
  admit: 'admittedOn',
  full: 'fullOn',
};

/**
 * Whether a step may be recorded: in order, not twice, not dated before the previous step; an
 * extension only in probation, once, 6–12 months. Returns the refusal, or null. Dates that are
 * merely late or early are not refused (see pipelineView's warnings).
 */
export function refuseStep(
  r: PipelineDates,
  step: PipelineStep,
  on: IsoDate,
  extensionMonths?: number,
): StepRefusal | null {
  const prevField = PREVIOUS[step];
  const prev = prevField ? (r[prevField] as IsoDate | null | undefined) : null;
  if (prevField && !prev) return { zh: '请先登记上一步', en: 'Record the previous step first' };
  if (prev && on < prev) return { zh: `日期不能早于上一步（${prev}）`, en: `Date before the previous step (${prev})` };
  if (step === 'extend') {
    if (r.fullOn) return { zh: '已转为正式党员，不能延长预备期', en: 'Already a full member' };
    if (r.extensionMonths) return { zh: '预备期只能延长一次', en: 'Probation may be extended only once' };
    if (
      extensionMonths === undefined ||
      !Number.isInteger(extensionMonths) ||
      extensionMonths < 6 ||
      extensionMonths > 12
    )
      return { zh: '延长期限：应为6至12个月', en: 'Extension must be 6 to 12 months' };
    return null;
  }
  if (r[FIELD[step]]) return { zh: '该步骤已登记', en: 'This step is already recorded' };
  const later = PIPELINE_STEPS.slice(PIPELINE_STEPS.indexOf(step) + 1).filter((s) => s !== 'extend' && s !== 'talk');
  if (step !== 'talk' && later.some((s) => r[FIELD[s as Exclude<PipelineStep, 'extend'>]]))
    return { zh: '后续步骤已登记', en: 'A later step is already recorded' };
  return null;
}

export interface EarlyStep {
  code: 'candidate_early' | 'full_early';
  /** The earliest statutory date for the step. */
  earliest: IsoDate;
  text: { zh: string; en: string };
}

/**
 * A step dated before its statutory earliest day: 列为发展对象 less than one year after becoming
 * 积极分子, or 转正 before the probation (one year, plus any extension) ends. Such a step is recorded
 * only when the user confirms it with a reason; null when the date is not early.
 */
export function earlyStep(r: PipelineDates, step: PipelineStep, on: IsoDate): EarlyStep | null {
  if (step === 'candidate' && r.activistOn) {
    const earliest = addMonths(r.activistOn, 12);
    if (on >= earliest) return null;
    return {
      code: 'candidate_early',
      earliest,
      text: {
        zh: `${r.activistOn}确定为入党积极分子，培养考察不满一年：${on}列为发展对象早于${earliest}。确需提前，请确认并填写理由`,
        en: `Activist since ${r.activistOn}: becoming a candidate on ${on} is before one year of training (${earliest}). Confirm with a reason to record it early`,
      },
    };
  }
  const end = step === 'full' ? probationEnd(r) : null;
  if (end && on < end) {
    const ext = r.extensionMonths ? `（已延长${r.extensionMonths}个月）` : '';
    return {
      code: 'full_early',
      earliest: end,
      text: {
        zh: `${r.admittedOn}接收为预备党员，预备期${ext}至${end}期满：${on}转正早于预备期满。确需提前，请确认并填写理由`,
        en: `Admitted on ${r.admittedOn}; probation ends on ${end}: full membership on ${on} is early. Confirm with a reason to record it early`,
      },
    };
  }
  return null;
}

/** The fields a recorded step sets. */
export function applyStep(step: PipelineStep, on: IsoDate, extensionMonths?: number): Partial<PipelineDates> {
  if (step === 'extend') return { extensionMonths: extensionMonths ?? null };
  return { [FIELD[step]]: on };
}

/** Political status after a step. */
export function statusAfter(step: PipelineStep, current: string): string {
  switch (step) {
    case 'apply':
      return 'applicant';
    case 'activist':
      return 'activist';
    case 'candidate':
      return 'candidate';
    case 'admit':
      return 'probationary';
    case 'full':
      return 'full';
    case 'talk':
    case 'extend':
      return current;
  }
}
