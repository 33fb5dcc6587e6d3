import { daysBetween, type IsoDate } from './dates.js';

/**
 * Rule checks on a party organisation, shown as warnings, never blocks (党章 and 《中国共产党支部工作条例》):
 *  - ≥ 7 formal members → the branch should have a 支部委员会 (committee) if it has none;
 *  - > 50 formal members → consider a 党总支; > 100 → consider a 党委 (for branch-level orgs);
 *  - next 换届 within 90 days → term due; past → overdue;
 *  - a 联合党支部 covering more than 5 units → too wide;
 *  - a 临时党支部 cannot recruit members, collect dues or elect; its officers are appointed (a note).
 * Every warning explains itself: the rule and the numbers.
 */
export interface OrgFacts {
  kind: string;
  formalMembers: number;
  /** committee members (secretary, deputy, members) currently in office */
  committeeSize: number;
  coveredUnits: number;
  nextElectionOn: IsoDate | null;
  status?: string;
}

export type OrgWarningCode =
  | 'needs_committee'
  | 'consider_general_branch'
  | 'consider_committee'
  | 'term_due'
  | 'term_overdue'
  | 'joint_too_wide'
  | 'temp_branch_limits';

export interface OrgWarning {
  code: OrgWarningCode;
  level: 'info' | 'warning' | 'danger';
  zh: string;
  en: string;
}

export const TERM_DUE_WITHIN_DAYS = 90;
export const COMMITTEE_FROM = 7;
export const GENERAL_BRANCH_OVER = 50;
export const COMMITTEE_OVER = 100;
export const JOINT_MAX_UNITS = 5;

const BRANCH_LEVEL = new Set(['branch', 'temp_branch', 'joint_branch']);

export function orgWarnings(o: OrgFacts, today: IsoDate): OrgWarning[] {
  if (o.status && o.status === 'closed') return [];
  const out: OrgWarning[] = [];
  const n = o.formalMembers;
  if (BRANCH_LEVEL.has(o.kind)) {
    if (n >= COMMITTEE_FROM && o.committeeSize < 3)
      out.push({
        code: 'needs_committee',
        level: 'warning',
        zh: `正式党员 ${n} 名（≥ ${COMMITTEE_FROM} 名），应设立支部委员会；现有委员 ${o.committeeSize} 名`,
        en: `${n} formal members (≥ ${COMMITTEE_FROM}): a branch committee should be set up; ${o.committeeSize} committee members now`,
      });
    if (n > COMMITTEE_OVER)
      out.push({
        code: 'consider_committee',
        level: 'warning',
        zh: `正式党员 ${n} 名（> ${COMMITTEE_OVER} 名），可考虑成立党委`,
        en: `${n} formal members (> ${COMMITTEE_OVER}): consider a party committee`,
      });
    else if (n > GENERAL_BRANCH_OVER)
      out.push({
        code: 'consider_general_branch',
        level: 'info',
        zh: `正式党员 ${n} 名（> ${GENERAL_BRANCH_OVER} 名），可考虑成立党总支`,
        en: `${n} formal members (> ${GENERAL_BRANCH_OVER}): consider a general branch`,
      });
  } else if (o.kind === 'general_branch' && n > COMMITTEE_OVER) {
    out.push({
      code: 'consider_committee',
      level: 'warning',
      zh: `正式党员 ${n} 名（> ${COMMITTEE_OVER} 名），可考虑成立党委`,
      en: `${n} formal members (> ${COMMITTEE_OVER}): consider a party committee`,
    });
  }
  if (o.nextElectionOn && o.kind !== 'temp_branch') {
    const left = daysBetween(today, o.nextElectionOn);
    if (left < 0)
      out.push({
        code: 'term_overdue',
        level: 'danger',
        zh: `应于 ${o.nextElectionOn} 换届，已逾期 ${-left} 天`,
        en: `Election was due on ${o.nextElectionOn}, ${-left} days overdue`,
      });
    else if (left <= TERM_DUE_WITHIN_DAYS)
      out.push({
        code: 'term_due',
        level: 'warning',
        zh: `${left} 天后（${o.nextElectionOn}）到期换届（提前 ${TERM_DUE_WITHIN_DAYS} 天提醒）`,
        en: `Election due in ${left} days (${o.nextElectionOn}); reminded ${TERM_DUE_WITHIN_DAYS} days ahead`,
      });
  }
  if (o.kind === 'joint_branch' && o.coveredUnits > JOINT_MAX_UNITS)
    out.push({
      code: 'joint_too_wide',
      level: 'warning',
      zh: `联合党支部覆盖 ${o.coveredUnits} 个单位，一般不超过 ${JOINT_MAX_UNITS} 个`,
      en: `The joint branch covers ${o.coveredUnits} units; normally at most ${JOINT_MAX_UNITS}`,
    });
  if (o.kind === 'temp_branch')
    out.push({
      code: 'temp_branch_limits',
      level: 'info',
      zh: '临时党支部不发展党员、不收缴党费、不选举；委员由上级党组织指定',
      en: 'A temporary branch does not recruit, collect dues or elect; its officers are appointed',
    });
  return out;
}

/** 下次换届: the term start plus the term in years (党支部 3 years; 党委 5 years), unless set by hand. */
export function nextElection(termStartedOn: IsoDate | null, termYears: number | null): IsoDate | null {
  if (!termStartedOn || !termYears) return null;
  const y = Number(termStartedOn.slice(0, 4)) + termYears;
  const md = termStartedOn.slice(5) === '02-29' ? '02-28' : termStartedOn.slice(5);
  return `${y}-${md}`;
}
