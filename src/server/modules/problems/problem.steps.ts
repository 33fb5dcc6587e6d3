import type { AppContext } from '../../context.js';
import { can, type Actor } from '../../actor.js';
import type { Tx } from '../../db/client.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import type { ProblemEventData } from '../../../domain/problem-events.js';
import type { AssignmentState, ProblemState } from '../../../domain/problem-flow.js';
import * as rules from '../../../domain/problem-rules.js';
import type { Rating } from '../../../domain/problem-events.js';
import { refuse, runStep } from './problem.runner.js';
import { unitNames } from './problem.repository.js';
import { isTriageUserFor } from './problem.recipients.js';
import { slaPolicyFor } from './problem.config.js';

/** The assignments of a problem that belong to the actor's department (empty for anyone else). */
export async function myAssignments(tx: Tx, actor: Actor, s: ProblemState): Promise<AssignmentState[]> {
  if (actor.scope.kind !== 'dept') return [];
  const units = await unitNames(
    tx,
    s.assignments.map((a) => a.deptUnitId),
  );
  return s.assignments.filter((a) => units.get(a.deptUnitId)?.path.startsWith(actor.scope.path));
}

async function pick(
  tx: Tx,
  actor: Actor,
  s: ProblemState,
  no: number | undefined,
  open: AssignmentState['status'][],
): Promise<AssignmentState> {
  const mine = await myAssignments(tx, actor, s);
  const a =
    no === undefined
      ? (mine.find((x) => open.includes(x.status)) ?? mine[mine.length - 1])
      : mine.find((x) => x.no === no);
  if (!a) throw conflict({ zh: '没有需要本部门办理的派单', en: 'Nothing here is dispatched to your department' });
  return a;
}

const nextNo = (s: ProblemState) => s.assignments.reduce((m, a) => Math.max(m, a.no), 0) + 1;

/** 受理: the first receiver becomes the owner (首办负责制). */
export async function acceptProblem(ctx: AppContext, actor: Actor, id: number, version?: number) {
  return runStep(ctx, actor, id, version, 'accept', async ({ state }) => {
    refuse(rules.checkAccept(state));
    return [{ type: 'accepted', ownerUserId: actor.userId, ownerUnitId: actor.scope.unitId }];
  });
}

/** Ownership moves only by a recorded hand-over, to someone who may own problems here. */
export async function handOverProblem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { toUserId: number; reason: string; version?: number | undefined },
) {
  return runStep(ctx, actor, id, input.version, 'hand_over', async ({ tx, row, state }) => {
    refuse(rules.checkOwnerStep(state, actor.userId));
    const to = await isTriageUserFor(tx, input.toUserId, row.scopePath);
    if (!to) throw notFound({ zh: '接收人', en: 'Recipient' });
    return [
      {
        type: 'handed_over',
        fromUserId: state.ownerUserId,
        toUserId: input.toUserId,
        toUnitId: to.unitId,
        reason: input.reason,
      },
    ];
  });
}

export interface DispatchInput {
  leadDeptId: number;
  designated?: boolean | undefined;
  coDeptIds?: number[] | undefined;
  note?: string | undefined;
  version?: number | undefined;
}

/** 派单 to one lead department and any co-handling ones; each gets its deadlines from now. */
export async function dispatchProblem(ctx: AppContext, actor: Actor, id: number, input: DispatchInput) {
  return runStep(ctx, actor, id, input.version, 'dispatch', async ({ tx, row, state }) => {
    refuse(rules.checkOwnerStep(state, actor.userId));
    const targets = [
      { deptUnitId: input.leadDeptId, role: 'lead' as const, designated: input.designated ?? false },
      ...(input.coDeptIds ?? []).map((d) => ({
        deptUnitId: d,
        role: 'co' as const,
        designated: input.designated ?? false,
      })),
    ];
    refuse(rules.checkDispatch(state, targets));
    const units = await unitNames(
      tx,
      targets.map((t) => t.deptUnitId),
    );
    const region = `/${row.scopePath.split('/')[1]}/`;
    for (const t of targets) {
      const u = units.get(t.deptUnitId);
      if (!u || u.kind !== 'department' || !u.path.startsWith(region))
        throw notFound({ zh: '责任单位', en: 'Department' });
    }
    const policy = await slaPolicyFor(tx, row.category);
    const first = nextNo(state);
    return [
      {
        type: 'dispatched',
        targets: targets.map((t, i) => ({ ...t, no: first + i })),
        policy,
        note: input.note ?? null,
      },
    ];
  });
}

export async function signProblem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { assignmentNo?: number | undefined; version?: number | undefined },
) {
  // each department's sign is its own step: the lead and the co-departments sign in any order, at once
  return runStep(
    ctx,
    actor,
    id,
    input.version,
    'sign',
    async ({ tx, state }) => {
      const a = await pick(tx, actor, state, input.assignmentNo, ['to_sign']);
      refuse(rules.checkSign(state, a));
      return [{ type: 'signed', assignmentNo: a.no }];
    },
    { ownStep: true },
  );
}

/** 退单 with a reason, once per department; never for a designated dispatch. */
export async function returnProblem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { assignmentNo?: number | undefined; reason: string; version?: number | undefined },
) {
  return runStep(ctx, actor, id, input.version, 'return', async ({ tx, state }) => {
    const a = await pick(tx, actor, state, input.assignmentNo, ['to_sign', 'in_hand']);
    refuse(rules.checkReturn(state, a));
    return [{ type: 'returned', assignmentNo: a.no, reason: input.reason }];
  });
}

export type ExtendInput =
  | { op: 'request'; days: number; reason: string; assignmentNo?: number | undefined; version?: number | undefined }
  | { op: 'approve' | 'refuse'; requestNo: number; note?: string | undefined; version?: number | undefined };

/** 延期: the department asks with a reason; the owner approves or refuses; both stay in the history. */
export async function extendProblem(ctx: AppContext, actor: Actor, id: number, input: ExtendInput) {
  if (!can(actor, input.op === 'request' ? 'problems.handle' : 'problems.triage')) throw forbidden();
  return runStep(
    ctx,
    actor,
    id,
    input.version,
    input.op === 'request' ? 'extension_request' : 'extension_decide',
    async ({ tx, state }) => {
      if (input.op === 'request') {
        const a = await pick(tx, actor, state, input.assignmentNo, ['to_sign', 'in_hand']);
        refuse(rules.checkExtensionRequest(state, a));
        return [
          {
            type: 'extension_requested',
            requestNo: state.extensions.length + 1,
            assignmentNo: a.no,
            days: input.days,
            reason: input.reason,
          },
        ];
      }
      refuse(rules.checkOwnerStep(state, actor.userId));
      refuse(rules.checkExtensionDecision(state, input.requestNo));
      return [
        {
          type: 'extension_decided',
          requestNo: input.requestNo,
          approved: input.op === 'approve',
          note: input.note ?? null,
        },
      ];
    },
  );
}

export async function answerProblem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { assignmentNo?: number | undefined; text: string; version?: number | undefined },
) {
  return runStep(ctx, actor, id, input.version, 'answer', async ({ tx, state }) => {
    const a = await pick(tx, actor, state, input.assignmentNo, ['in_hand', 'to_sign']);
    refuse(rules.checkAnswer(state, a));
    return [{ type: 'answered', assignmentNo: a.no, text: input.text }];
  });
}

/** 反馈 to the raiser: the owner passes on the answer (edited if needed). */
export async function feedbackProblem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { text?: string | undefined; version?: number | undefined },
) {
  return runStep(ctx, actor, id, input.version, 'feedback', async ({ state }) => {
    refuse(rules.checkOwnerStep(state, actor.userId));
    refuse(rules.checkFeedback(state));
    return [{ type: 'fed_back', text: input.text ?? state.answer ?? '' }];
  });
}

/** Whether the actor speaks for the raiser: the raising user or a contact of the problem's firm. */
export function isRaiserSide(actor: Actor, row: { createdBy: number | null; firmUnitId: number | null }): boolean {
  return row.createdBy === actor.userId || (actor.scope.kind === 'firm' && row.firmUnitId !== null);
}

/** 评价: 满意 / 基本满意 close the problem; 不满意 reopens it (重办) for the lead department with a new deadline. */
export async function rateProblem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { rating: Rating; comment?: string | undefined; version?: number | undefined },
) {
  return runStep(ctx, actor, id, input.version, 'rate', async ({ tx, row, state }) => {
    if (!isRaiserSide(actor, row))
      throw conflict({
        zh: '只有提出人或该企业的联系人可以评价',
        en: 'Only the raiser or the firm’s contact can rate',
      });
    refuse(rules.checkRate(state));
    if (input.rating === 'unsatisfied' && !input.comment?.trim())
      throw invalid({ zh: '评价说明：请说明不满意的原因', en: 'comment: say why you are not satisfied' });
    const rated: ProblemEventData = { type: 'rated', rating: input.rating, comment: input.comment?.trim() || null };
    if (input.rating !== 'unsatisfied')
      return [rated, { type: 'closed', reason: 'rated', answer: null, meetingId: null }];
    const lead = state.assignments.find((a) => a.no === state.leadNo);
    if (!lead) throw conflict({ zh: '没有主办单位，无法重办', en: 'No lead department to reopen for' });
    return [
      rated,
      {
        type: 'reopened',
        round: state.round + 1,
        assignmentNo: nextNo(state),
        deptUnitId: lead.deptUnitId,
        policy: await slaPolicyFor(tx, row.category),
      },
    ];
  });
}

/** 关闭 with a recorded answer, by the owner (or a triage user who accepts it on the spot). */
export async function closeProblem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { answer: string; meetingId?: number | undefined; version?: number | undefined },
) {
  return runStep(ctx, actor, id, input.version, 'close', async ({ state }) =>
    closingEvents(actor, state, input.answer, input.meetingId ?? null),
  );
}

export function closingEvents(
  actor: Actor,
  state: ProblemState,
  answer: string,
  meetingId: number | null,
): ProblemEventData[] {
  refuse(rules.checkClose(state));
  const out: ProblemEventData[] = [];
  if (state.status === 'submitted')
    out.push({ type: 'accepted', ownerUserId: actor.userId, ownerUnitId: actor.scope.unitId });
  else if (meetingId === null) refuse(rules.checkOwnerStep(state, actor.userId));
  out.push({ type: 'closed', reason: meetingId === null ? 'owner' : 'meeting', answer, meetingId });
  return out;
}
