import type { IsoDate } from './dates.js';
import { addMonths } from './pipeline.js';

/**
 * 流动党员: a member away from the org holding the relation (流出) or taking part here while the
 * relation is elsewhere (流入). Away < 6 months: needs a 流动党员活动证; ≥ 6 months: the relation
 * should be transferred (应转接组织关系).
 */
export type Flow = 'none' | 'out' | 'in';
export type FlowWarning = {
  code: 'certificate_needed' | 'transfer_due';
  since: IsoDate;
  sixMonthsOn: IsoDate;
  text: { zh: string; en: string };
};

export function flowWarning(
  flow: Flow,
  since: IsoDate | null,
  hasCertificate: boolean,
  today: IsoDate,
): FlowWarning | null {
  if (flow === 'none' || !since) return null;
  const six = addMonths(since, 6);
  if (today >= six)
    return {
      code: 'transfer_due',
      since,
      sixMonthsOn: six,
      text: {
        zh: `自${since}外出已满6个月，应转接组织关系`,
        en: `Away since ${since}, six months or more: the relation should be transferred`,
      },
    };
  if (!hasCertificate)
    return {
      code: 'certificate_needed',
      since,
      sixMonthsOn: six,
      text: {
        zh: `自${since}外出不满6个月，应持流动党员活动证（${six}满6个月）`,
        en: `Away since ${since}, under six months: needs an activity certificate (six months on ${six})`,
      },
    };
  return null;
}
