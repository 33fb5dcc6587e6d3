/**
 * One vocabulary for problems on every page, export and message: 待签收 / 办理中 / 已办结 / 已反馈 /
 * 已评价, with the same colours everywhere.
 */
export const PROBLEM_STATUS_LABELS = {
  submitted: { zh: '待受理', en: 'To accept', color: 'gold' },
  accepted: { zh: '待派单', en: 'To dispatch', color: 'orange' },
  returned: { zh: '被退单待重派', en: 'Returned', color: 'volcano' },
  dispatched: { zh: '待签收', en: 'To sign', color: 'blue' },
  in_progress: { zh: '办理中', en: 'In progress', color: 'processing' },
  answered: { zh: '已办结', en: 'Answered', color: 'cyan' },
  fed_back: { zh: '已反馈', en: 'Fed back', color: 'geekblue' },
  rated: { zh: '已评价', en: 'Rated', color: 'green' },
  closed: { zh: '已关闭', en: 'Closed', color: 'default' },
} as const;

export type ProblemStatusCode = keyof typeof PROBLEM_STATUS_LABELS;

export const PROBLEM_SOURCE_LABELS = {
  firm: { zh: '企业吹哨', en: 'Firm' },
  commissioner: { zh: '项目专员代报', en: 'Commissioner' },
  meeting: { zh: '联席会议', en: 'Joint meeting' },
  supervision: { zh: '督导检查', en: 'Supervision' },
} as const;

export const RATING_LABELS = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
} as const;

export const ASSIGNMENT_STATUS_LABELS = {
  to_sign: { zh: '待签收', en: 'To sign' },
  in_hand: { zh: '办理中', en: 'In hand' },
  answered: { zh: '已答复', en: 'Answered' },
  returned: { zh: '已退单', en: 'Returned' },
  cancelled: { zh: '随问题关闭', en: 'Closed with the problem' },
} as const;

export const EVENT_LABELS = {
  raised: { zh: '提出问题', en: 'Raised' },
  accepted: { zh: '受理', en: 'Accepted' },
  handed_over: { zh: '移交', en: 'Handed over' },
  dispatched: { zh: '派单', en: 'Dispatched' },
  signed: { zh: '签收', en: 'Signed' },
  returned: { zh: '退单', en: 'Returned' },
  extension_requested: { zh: '申请延期', en: 'Extension requested' },
  extension_decided: { zh: '延期审批', en: 'Extension decided' },
  answered: { zh: '答复', en: 'Answered' },
  fed_back: { zh: '反馈', en: 'Fed back' },
  rated: { zh: '评价', en: 'Rated' },
  reopened: { zh: '重办', en: 'Reopened' },
  closed: { zh: '关闭', en: 'Closed' },
  reminder: { zh: '时限提醒', en: 'Reminder' },
} as const;

export const REMINDER_LABELS = {
  warning: { zh: '预警', en: 'Warning' },
  urge: { zh: '催办', en: 'Urged' },
  report: { zh: '通报', en: 'Reported' },
} as const;

export const STEP_LABELS = {
  sign: { zh: '签收', en: 'sign' },
  answer: { zh: '答复', en: 'answer' },
  feedback: { zh: '反馈', en: 'feedback' },
} as const;

export const TIMELINESS_LABELS = {
  on_time: { zh: '是', en: 'Yes', color: 'green' },
  late: { zh: '否', en: 'No', color: 'red' },
  overdue: { zh: '逾期未办结', en: 'Overdue', color: 'red' },
  open: { zh: '未到期', en: 'Not yet due', color: 'default' },
} as const;
