/**
 * Problem categories (问题类别) with their default SLA in working days; 组织部 may override each
 * category's limits (problem_category_sla). Defaults: 签收 1, 答复 5, 反馈 by the answer deadline.
 */
export interface ProblemCategory {
  code: string;
  zh: string;
  en: string;
  signDays: number;
  answerDays: number;
  feedbackAfterAnswerDays: number;
}

const d = { signDays: 1, answerDays: 5, feedbackAfterAnswerDays: 0 };

export const PROBLEM_CATEGORIES: ProblemCategory[] = [
  { code: 'land', zh: '用地审批', en: 'Land approval', ...d, answerDays: 10 },
  { code: 'planning', zh: '规划许可', en: 'Planning permit', ...d, answerDays: 10 },
  { code: 'construction', zh: '施工许可与验收', en: 'Construction permits and acceptance', ...d },
  { code: 'road', zh: '道路交通', en: 'Roads and traffic', ...d },
  { code: 'utilities', zh: '水电气暖', en: 'Water, power, gas, heating', ...d },
  { code: 'finance', zh: '融资金融', en: 'Financing', ...d },
  { code: 'labour', zh: '用工招聘', en: 'Labour and hiring', ...d },
  { code: 'tax', zh: '税费政策', en: 'Taxes and fees', ...d },
  { code: 'safety', zh: '安全环保', en: 'Safety and environment', ...d },
  { code: 'dispute', zh: '矛盾纠纷', en: 'Disputes', ...d },
  { code: 'other', zh: '其他', en: 'Other', ...d },
];

export const PROBLEM_CATEGORY_CODES = PROBLEM_CATEGORIES.map((c) => c.code) as [string, ...string[]];

export function categoryOf(code: string): ProblemCategory {
  return (
    PROBLEM_CATEGORIES.find((c) => c.code === code) ??
    (PROBLEM_CATEGORIES[PROBLEM_CATEGORIES.length - 1] as ProblemCategory)
  );
}
