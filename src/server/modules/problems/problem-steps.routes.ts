import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { actorOf } from '../../http/authenticate.js';
import type { Actor } from '../../actor.js';
import type { Permission } from '../../../shared/permissions.js';
import { problemPolicy } from './problem.policy.js';
import {
  answerBody,
  closeBody,
  dispatchBody,
  extendBody,
  feedbackBody,
  handOverBody,
  problemDetail,
  problemIdParams,
  rateBody,
  returnBody,
  signBody,
  versionBody,
} from './problem.schemas.js';
import { getProblem } from './problem.service.js';
import * as steps from './problem.steps.js';

/** One POST per step of the closed loop; each answers the problem as it now stands. */
export async function problemStepRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['problems'];

  function step<S extends z.ZodType>(
    name: string,
    summary: string,
    permission: Permission,
    body: S,
    run: (actor: Actor, id: number, body: z.infer<S>) => Promise<void>,
  ) {
    r.post(`/api/problems/:id/${name}`, {
      config: { permission },
      schema: { tags, summary, params: problemIdParams, body, response: { 200: problemDetail } },
      handler: async (req) => {
        const actor = actorOf(req);
        await run(actor, req.params.id, req.body as z.infer<S>);
        return getProblem(ctx, actor, req.params.id);
      },
    });
  }

  step('accept', '受理（首办负责制）/ accept and own', problemPolicy.accept, versionBody, (a, id, b) =>
    steps.acceptProblem(ctx, a, id, b.version),
  );
  step('handover', '移交首办负责人 / hand over ownership', problemPolicy.handOver, handOverBody, (a, id, b) =>
    steps.handOverProblem(ctx, a, id, b),
  );
  step('dispatch', '派单（主办、协办）/ dispatch', problemPolicy.dispatch, dispatchBody, (a, id, b) =>
    steps.dispatchProblem(ctx, a, id, b),
  );
  step('sign', '签收 / sign for a dispatch', problemPolicy.sign, signBody, (a, id, b) =>
    steps.signProblem(ctx, a, id, b),
  );
  step('return', '退单（每个部门一次）/ return a dispatch', problemPolicy.return, returnBody, (a, id, b) =>
    steps.returnProblem(ctx, a, id, b),
  );
  step('extend', '申请或审批延期 / request or decide an extension', 'problems.read', extendBody, (a, id, b) =>
    steps.extendProblem(ctx, a, id, b),
  );
  step('answer', '答复 / answer', problemPolicy.answer, answerBody, (a, id, b) => steps.answerProblem(ctx, a, id, b));
  step('feedback', '反馈提出人 / feed back to the raiser', problemPolicy.feedback, feedbackBody, (a, id, b) =>
    steps.feedbackProblem(ctx, a, id, b),
  );
  step('rate', '评价 / rate', problemPolicy.rate, rateBody, (a, id, b) => steps.rateProblem(ctx, a, id, b));
  step('close', '关闭并记录答复 / close with an answer', problemPolicy.close, closeBody, (a, id, b) =>
    steps.closeProblem(ctx, a, id, b),
  );
}
