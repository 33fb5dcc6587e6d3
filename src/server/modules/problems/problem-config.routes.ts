import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, idRef } from '../../../shared/input.js';
import { actorOf } from '../../http/authenticate.js';
import { problemPolicy } from './problem.policy.js';
import {
  getDeptSettings,
  listDepartments,
  projectOptions,
  saveCategorySla,
  saveDeptSettings,
} from './problem.config.js';
import { listCategorySla } from './problem.sla-config.js';
import { WEBHOOK_KINDS } from './problem.webhook.js';

const deptParams = z.object({ deptId: idParam });
const webhookUrl = z
  .string()
  .trim()
  .url()
  .max(500)
  .regex(/^https?:\/\//, 'http(s)');

export async function problemConfigRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['problems'];

  r.get('/api/problems/categories', {
    config: { permission: problemPolicy.read },
    schema: { tags, summary: '问题类别与办理时限 / categories and their SLA' },
    handler: async () => ({ data: await listCategorySla(ctx.db) }),
  });

  r.put('/api/problems/categories/:code', {
    config: { permission: problemPolicy.config },
    schema: {
      tags,
      summary: '设置类别时限（工作日）/ set a category’s limits',
      params: z.object({ code: z.string().max(32) }),
      body: z.object({
        signDays: z.number().int().min(1).max(10),
        answerDays: z.number().int().min(1).max(60),
        feedbackAfterAnswerDays: z.number().int().min(0).max(10),
      }),
    },
    handler: async (req) => {
      await saveCategorySla(ctx, actorOf(req), req.params.code, req.body);
      return { data: await listCategorySla(ctx.db) };
    },
  });

  r.get('/api/problems/departments', {
    config: { permission: problemPolicy.read },
    schema: { tags, summary: '可派单的职能部门 / departments to dispatch to' },
    handler: async (req) => listDepartments(ctx, actorOf(req)),
  });

  r.get('/api/problems/project-options', {
    config: { permission: problemPolicy.raise },
    schema: {
      tags,
      summary: '可选项目 / projects to raise a problem about',
      querystring: z.object({ q: z.string().trim().max(64).optional() }),
    },
    handler: async (req) => projectOptions(ctx, actorOf(req), req.query.q),
  });

  r.get('/api/problems/departments/:deptId/settings', {
    config: { permission: problemPolicy.config },
    schema: {
      tags,
      summary: '部门负责人、分管领导、群机器人与推送记录 / department settings and delivery log',
      params: deptParams,
    },
    handler: async (req) => getDeptSettings(ctx, actorOf(req), req.params.deptId),
  });

  r.put('/api/problems/departments/:deptId/settings', {
    config: { permission: problemPolicy.config },
    schema: {
      tags,
      summary: '设置部门负责人、分管领导与群机器人 / set department settings',
      params: deptParams,
      body: z.object({
        headUserId: idRef.nullable(),
        leaderUserId: idRef.nullable(),
        webhookKind: z.enum(WEBHOOK_KINDS).nullable(),
        webhookUrl: webhookUrl.nullable().optional(),
        webhookSecret: z.string().trim().min(1).max(200).nullable().optional(),
        webhookEnabled: z.boolean(),
      }),
    },
    handler: async (req) => saveDeptSettings(ctx, actorOf(req), req.params.deptId, req.body),
  });
}
