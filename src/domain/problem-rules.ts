import type { DispatchTarget } from './problem-events.js';
import { isFinal, type AssignmentState, type ProblemState } from './problem-flow.js';

/** Why a step cannot be taken now, in both languages; null when it can. */
export interface RuleText {
  zh: string;
  en: string;
}

const STATE_CHANGED: RuleText = {
  zh: '问题状态已变化，请刷新后再操作',
  en: 'The problem has changed; reload and try again',
};

export function checkAccept(s: ProblemState): RuleText | null {
  if (s.status !== 'submitted')
    return { zh: '该问题已被受理（首办负责制：由首位受理人负责到底）', en: 'This problem has already been accepted' };
  return null;
}

export function checkOwnerStep(s: ProblemState, actorUserId: number): RuleText | null {
  if (isFinal(s.status)) return { zh: '问题已关闭', en: 'The problem is closed' };
  if (s.ownerUserId !== actorUserId)
    return {
      zh: '只有首办负责人才能执行此操作（可先办理移交）',
      en: 'Only the owner of this problem may do this (hand it over first)',
    };
  return null;
}

export function checkDispatch(s: ProblemState, targets: Array<Omit<DispatchTarget, 'no'>>): RuleText | null {
  if (s.status !== 'accepted' && s.status !== 'returned')
    return {
      zh: '当前状态不能派单：只有待派单或被退回的问题可以派单',
      en: 'Only accepted or returned problems can be dispatched',
    };
  const leads = targets.filter((t) => t.role === 'lead');
  if (leads.length !== 1)
    return { zh: '派单须指定且只能指定一个主办单位', en: 'A dispatch needs exactly one lead department' };
  const ids = targets.map((t) => t.deptUnitId);
  if (new Set(ids).size !== ids.length)
    return { zh: '主办单位和协办单位不能重复', en: 'A department can appear only once' };
  const active = new Set(
    s.assignments.filter((a) => a.status === 'to_sign' || a.status === 'in_hand').map((a) => a.deptUnitId),
  );
  if (ids.some((id) => active.has(id)))
    return { zh: '该部门正在办理此问题，不能重复派单', en: 'That department already holds this problem' };
  return null;
}

function checkOpenAssignment(s: ProblemState, a: AssignmentState): RuleText | null {
  if (isFinal(s.status)) return { zh: '问题已关闭', en: 'The problem is closed' };
  if (a.status === 'returned') return { zh: '该派单已退回', en: 'This dispatch was returned' };
  if (a.status === 'answered') return { zh: '该派单已答复', en: 'This dispatch has been answered' };
  if (a.status === 'cancelled') return STATE_CHANGED;
  return null;
}

export function checkSign(s: ProblemState, a: AssignmentState): RuleText | null {
  const open = checkOpenAssignment(s, a);
  if (open) return open;
  if (a.status !== 'to_sign') return { zh: '已签收，无需重复签收', en: 'Already signed' };
  return null;
}

/** 退单: once per department, with a reason; a designated dispatch cannot be returned. */
export function checkReturn(s: ProblemState, a: AssignmentState): RuleText | null {
  const open = checkOpenAssignment(s, a);
  if (open) return open;
  if (a.designated) return { zh: '该问题为指定办理，不能退单', en: 'A designated dispatch cannot be returned' };
  if (s.returnedDeptIds.includes(a.deptUnitId))
    return {
      zh: '本部门已退过一次单，同一问题不能再次退单',
      en: 'Your department has already returned this problem once',
    };
  return null;
}

export function checkExtensionRequest(s: ProblemState, a: AssignmentState): RuleText | null {
  const open = checkOpenAssignment(s, a);
  if (open) return open;
  if (s.extensions.some((x) => x.assignmentNo === a.no && x.status === 'pending'))
    return { zh: '已有一项延期申请待审批', en: 'An extension request is already pending' };
  return null;
}

export function checkExtensionDecision(s: ProblemState, requestNo: number): RuleText | null {
  const x = s.extensions.find((r) => r.requestNo === requestNo);
  if (!x) return { zh: '延期申请不存在', en: 'No such extension request' };
  if (x.status !== 'pending') return { zh: '该延期申请已审批', en: 'This request has already been decided' };
  return null;
}

export function checkAnswer(s: ProblemState, a: AssignmentState): RuleText | null {
  const open = checkOpenAssignment(s, a);
  if (open) return open;
  if (a.status === 'to_sign') return { zh: '请先签收再答复', en: 'Sign for the dispatch before answering' };
  return null;
}

export function checkFeedback(s: ProblemState): RuleText | null {
  if (s.status !== 'answered')
    return { zh: '部门答复后才能反馈给提出人', en: 'Feedback follows the department’s answer' };
  return null;
}

export function checkRate(s: ProblemState): RuleText | null {
  if (s.status !== 'fed_back') return { zh: '收到反馈后才能评价', en: 'You can rate once you have received feedback' };
  return null;
}

export function checkClose(s: ProblemState): RuleText | null {
  if (isFinal(s.status)) return { zh: '问题已关闭', en: 'The problem is already closed' };
  return null;
}
