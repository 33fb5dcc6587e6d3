import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { actorOf } from '../../http/authenticate.js';
import type { Actor } from '../../actor.js';
import type { Permission } from '../../../shared/permissions.js';
import type { problemDetail, problemIdParams } from '../../../shared/api/problems.js';
import { problemsApi } from '../../../shared/api/problems.js';
import { routeSchema } from '../../http/contract.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { sendFile, XLSX_TYPE } from '../../files/xlsx.js';
import { problemPolicy } from './problem.policy.js';
import { getProblem, listProblemsFor } from './problem.service.js';
import { raiseProblem } from './problem.intake.js';
import { exportLedger } from './problem.export.js';
import { problemStats } from './problem.stats.js';
import { reportCtx } from '../../http/read-routing.js';
import { PHOTO_MAX_BYTES, readOwnUpload, readProblemPhoto, uploadPhoto } from './problem.photos.js';
import * as steps from './problem.steps.js';
import type { StepResult } from './problem.runner.js';
import {
  getDeptSettings,
  listDepartments,
  projectOptions,
  saveCategorySla,
  saveDeptSettings,
} from './problem.config.js';
import { listCategorySla } from './problem.config.js';
import { listCategoryRoutes, routedDeptOf, saveCategoryRoute } from './problem.routing.js';

registerFieldLabels({
  clientRequestId: { zh: '请求编号', en: 'clientRequestId' },
  category: { zh: '问题类别', en: 'category' },
  description: { zh: '问题描述', en: 'description' },
  firmUnitId: { zh: '企业', en: 'firmUnitId' },
  projectId: { zh: '项目', en: 'projectId' },
  photoIds: { zh: '照片', en: 'photoIds' },
  leadDeptId: { zh: '主办单位', en: 'leadDeptId' },
  coDeptIds: { zh: '协办单位', en: 'coDeptIds' },
  designated: { zh: '指定办理', en: 'designated' },
  reason: { zh: '理由', en: 'reason' },
  text: { zh: '内容', en: 'text' },
  answer: { zh: '答复内容', en: 'answer' },
  rating: { zh: '评价', en: 'rating' },
  comment: { zh: '评价说明', en: 'comment' },
  op: { zh: '操作', en: 'op' },
  requestNo: { zh: '延期申请', en: 'requestNo' },
  assignmentNo: { zh: '派单', en: 'assignmentNo' },
  toUserId: { zh: '接收人', en: 'toUserId' },
  version: { zh: '版本', en: 'version' },
  note: { zh: '备注', en: 'note' },
  status: { zh: '状态', en: 'status' },
  source: { zh: '来源', en: 'source' },
  deptId: { zh: '责任单位', en: 'deptId' },
  firmId: { zh: '企业', en: 'firmId' },
  overdue: { zh: '是否逾期', en: 'overdue' },
  queue: { zh: '队列', en: 'queue' },
  mine: { zh: '范围', en: 'mine' },
  sort: { zh: '排序', en: 'sort' },
});

const api = problemsApi;
const tags = ['problems'];

/** 问题台账: the ledger, raising a problem, its photos and its detail. */
export async function problemRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  // Photos arrive as the raw image body (camera upload); the content decides, not this header.
  for (const type of ['application/octet-stream', /^image\//] as const)
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES * 2 }, (_req, body, done) =>
      done(null, body),
    );

  r.get('/api/problems', {
    config: { permission: problemPolicy.list },
    schema: { tags, summary: '问题台账 / problem ledger', ...routeSchema(api['GET /api/problems']) },
    handler: async (req) => listProblemsFor(ctx, actorOf(req), req.query),
  });

  r.get('/api/problems/export', {
    config: { permission: problemPolicy.stats },
    schema: {
      tags,
      summary: '导出问题台账（Excel）/ export the ledger',
      ...routeSchema(api['GET /api/problems/export']),
    },
    handler: async (req, reply) =>
      sendFile(reply, '问题台账.xlsx', XLSX_TYPE, await exportLedger(ctx, actorOf(req), req.query)),
  });

  r.get('/api/problems/stats', {
    config: { permission: problemPolicy.stats },
    schema: {
      tags,
      summary: '按期办结率、反馈率、满意率 / statistics',
      ...routeSchema(api['GET /api/problems/stats']),
    },
    handler: async (req) => problemStats(reportCtx(ctx, req), actorOf(req), req.query),
  });

  r.post('/api/problems', {
    config: { permission: problemPolicy.raise },
    schema: { tags, summary: '提出问题（吹哨）/ raise a problem', ...routeSchema(api['POST /api/problems']) },
    handler: async (req) => {
      const actor = actorOf(req);
      const { id } = await raiseProblem(ctx, actor, req.body);
      return getProblem(ctx, actor, id);
    },
  });

  r.post('/api/problems/photos', {
    config: { permission: problemPolicy.raise },
    schema: {
      tags,
      summary: '上传照片（原始图片字节）/ upload a photo (raw image body)',
      ...routeSchema(api['POST /api/problems/photos']),
    },
    handler: async (req) => uploadPhoto(ctx, actorOf(req), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)),
  });

  r.get('/api/problems/photos/:photoId', {
    config: { permission: problemPolicy.raise },
    schema: {
      tags,
      summary: '预览自己刚上传的照片 / preview an own upload',
      ...routeSchema(api['GET /api/problems/photos/:photoId']),
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'private, no-store')
        .send(await readOwnUpload(ctx, actorOf(req), req.params.photoId)),
  });

  r.get('/api/problems/:id', {
    config: { permission: problemPolicy.read },
    schema: {
      tags,
      summary: '问题详情（含办理记录与时限）/ a problem with its events and deadlines',
      ...routeSchema(api['GET /api/problems/:id']),
    },
    handler: async (req) => getProblem(ctx, actorOf(req), req.params.id),
  });

  r.get('/api/problems/:id/photos/:photoId', {
    config: { permission: problemPolicy.read },
    schema: {
      tags,
      summary: '问题照片 / a photo of a problem',
      ...routeSchema(api['GET /api/problems/:id/photos/:photoId']),
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'private, no-store')
        .send(await readProblemPhoto(ctx, actorOf(req), req.params.id, req.params.photoId)),
  });
}

type StepKey = Extract<keyof typeof api, `POST /api/problems/:id/${string}`>;

/** One POST per step of the closed loop; each answers the problem as it now stands. */
export async function problemStepRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  function step<K extends StepKey>(
    key: K,
    summary: string,
    permission: Permission,
    run: (actor: Actor, id: number, body: z.infer<(typeof api)[K]['body']>) => Promise<StepResult>,
  ) {
    const c = api[key] as { params: typeof problemIdParams; body: z.ZodType; response: typeof problemDetail };
    r.post(key.slice('POST '.length), {
      config: { permission },
      schema: { tags, summary, ...routeSchema(c) },
      handler: async (req) => {
        const actor = actorOf(req);
        // The answer is built from the history the step just wrote (no second read and fold of it).
        const after = await run(actor, req.params.id, req.body as z.infer<(typeof api)[K]['body']>);
        return getProblem(ctx, actor, req.params.id, after);
      },
    });
  }

  step('POST /api/problems/:id/accept', '受理（首办负责制）/ accept and own', problemPolicy.accept, (a, id, b) =>
    steps.acceptProblem(ctx, a, id, b.version),
  );
  step('POST /api/problems/:id/handover', '移交首办负责人 / hand over ownership', problemPolicy.handOver, (a, id, b) =>
    steps.handOverProblem(ctx, a, id, b),
  );
  step('POST /api/problems/:id/dispatch', '派单（主办、协办）/ dispatch', problemPolicy.dispatch, (a, id, b) =>
    steps.dispatchProblem(ctx, a, id, b),
  );
  step('POST /api/problems/:id/sign', '签收 / sign for a dispatch', problemPolicy.sign, (a, id, b) =>
    steps.signProblem(ctx, a, id, b),
  );
  step('POST /api/problems/:id/return', '退单（每个部门一次）/ return a dispatch', problemPolicy.return, (a, id, b) =>
    steps.returnProblem(ctx, a, id, b),
  );
  step(
    'POST /api/problems/:id/extend',
    '申请或审批延期 / request or decide an extension',
    'problems.read',
    (a, id, b) => steps.extendProblem(ctx, a, id, b),
  );
  step('POST /api/problems/:id/answer', '答复 / answer', problemPolicy.answer, (a, id, b) =>
    steps.answerProblem(ctx, a, id, b),
  );
  step('POST /api/problems/:id/feedback', '反馈提出人 / feed back to the raiser', problemPolicy.feedback, (a, id, b) =>
    steps.feedbackProblem(ctx, a, id, b),
  );
  step('POST /api/problems/:id/rate', '评价 / rate', problemPolicy.rate, (a, id, b) =>
    steps.rateProblem(ctx, a, id, b),
  );
  step('POST /api/problems/:id/close', '关闭并记录答复 / close with an answer', problemPolicy.close, (a, id, b) =>
    steps.closeProblem(ctx, a, id, b),
  );
}

/** 办理时限与部门设置: category limits, departments, project options, department robots. */
export async function problemConfigRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get('/api/problems/categories', {
    config: { permission: problemPolicy.read },
    schema: {
      tags,
      summary: '问题类别与办理时限 / categories and their SLA',
      ...routeSchema(api['GET /api/problems/categories']),
    },
    handler: async () => ({ data: await listCategorySla(ctx.db) }),
  });

  r.put('/api/problems/categories/:code', {
    config: { permission: problemPolicy.config },
    schema: {
      tags,
      summary: '设置类别时限（工作日）/ set a category’s limits',
      ...routeSchema(api['PUT /api/problems/categories/:code']),
    },
    handler: async (req) => {
      await saveCategorySla(ctx, actorOf(req), req.params.code, req.body);
      return { data: await listCategorySla(ctx.db) };
    },
  });

  r.get('/api/problems/departments', {
    config: { permission: problemPolicy.read },
    schema: {
      tags,
      summary: '可派单的职能部门 / departments to dispatch to',
      ...routeSchema(api['GET /api/problems/departments']),
    },
    handler: async (req) => {
      const list = await listDepartments(ctx, actorOf(req));
      if (!req.query.category) return list;
      const routed = await routedDeptOf(ctx.db, req.query.category);
      return { ...list, suggestedDeptId: list.data.some((d) => d.id === routed) ? routed : null };
    },
  });

  r.get('/api/problems/routes', {
    config: { permission: problemPolicy.read },
    schema: {
      tags,
      summary: '类别 → 承办部门路由表 / category routing to departments',
      ...routeSchema(api['GET /api/problems/routes']),
    },
    handler: async () => ({ data: await listCategoryRoutes(ctx.db) }),
  });

  r.put('/api/problems/routes/:code', {
    config: { permission: problemPolicy.config },
    schema: {
      tags,
      summary: '设置类别的承办部门 / set a category’s department',
      ...routeSchema(api['PUT /api/problems/routes/:code']),
    },
    handler: async (req) => ({ data: await saveCategoryRoute(ctx, actorOf(req), req.params.code, req.body.deptId) }),
  });

  r.get('/api/problems/project-options', {
    config: { permission: problemPolicy.raise },
    schema: {
      tags,
      summary: '可选项目 / projects to raise a problem about',
      ...routeSchema(api['GET /api/problems/project-options']),
    },
    handler: async (req) => projectOptions(ctx, actorOf(req), req.query.q),
  });

  r.get('/api/problems/departments/:deptId/settings', {
    config: { permission: problemPolicy.config },
    schema: {
      tags,
      summary: '部门负责人、分管领导、群机器人与推送记录 / department settings and delivery log',
      ...routeSchema(api['GET /api/problems/departments/:deptId/settings']),
    },
    handler: async (req) => getDeptSettings(ctx, actorOf(req), req.params.deptId),
  });

  r.put('/api/problems/departments/:deptId/settings', {
    config: { permission: problemPolicy.config },
    schema: {
      tags,
      summary: '设置部门负责人、分管领导与群机器人 / set department settings',
      ...routeSchema(api['PUT /api/problems/departments/:deptId/settings']),
    },
    handler: async (req) => saveDeptSettings(ctx, actorOf(req), req.params.deptId, req.body),
  });
}
