import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, idRef, int4 } from '../../../shared/input.js';
import { actorOf } from '../../http/authenticate.js';
import { isoDateString, pageQuery } from '../../http/pagination.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { createEvent, getEvent, listEvents, scoreProject, updateCriteria } from './observation.service.js';

const idParams = z.object({ id: idParam });
const criterion = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,23}$/),
  zh: z.string().trim().min(1).max(32),
  en: z.string().trim().max(64).optional(),
  max: z.number().positive().max(1000),
});

registerFieldLabels({
  heldOn: '观摩日期',
  half: '半年',
  criteria: '评分标准',
  projectIds: '观摩项目',
  scorerName: '评分人',
  scores: '评分',
  comment: '评语',
  key: '标准代码',
  max: '满分',
});

/** 半年观摩: events, configurable scoring sheets, scores and totals per project. */
export async function observationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['observation'];

  r.get('/api/observations', {
    config: { permission: 'observation.read' },
    schema: { tags, summary: '半年观摩活动 / observation events', querystring: pageQuery },
    handler: async (req) => listEvents(ctx, actorOf(req), req.query),
  });

  r.post('/api/observations', {
    config: { permission: 'observation.write' },
    schema: {
      tags,
      summary: '新建观摩活动 / create an event',
      body: z.object({
        title: z.string().trim().min(2).max(64),
        heldOn: isoDateString,
        half: z
          .string()
          .regex(/^\d{4}-H[12]$/)
          .optional(),
        criteria: z.array(criterion).max(20).optional(),
        projectIds: z.array(idRef).min(1).max(200),
      }),
    },
    handler: async (req) => createEvent(ctx, actorOf(req), req.body),
  });

  r.get('/api/observations/:id', {
    config: { permission: 'observation.read' },
    schema: { tags, summary: '观摩活动、评分表与得分 / an event with scores and totals', params: idParams },
    handler: async (req) => getEvent(ctx, actorOf(req), req.params.id),
  });

  r.put('/api/observations/:id/criteria', {
    config: { permission: 'observation.write' },
    schema: {
      tags,
      summary: '修改评分表（评分前）/ change the sheet',
      params: idParams,
      body: z.object({ criteria: z.array(criterion).min(1).max(20), version: int4.min(1) }),
    },
    handler: async (req) => updateCriteria(ctx, actorOf(req), req.params.id, req.body),
  });

  r.put('/api/observations/:id/scores', {
    config: { permission: 'observation.write' },
    schema: {
      tags,
      summary: '录入评分 / enter a scoring sheet',
      params: idParams,
      body: z.object({
        projectId: idRef,
        scorerName: z.string().trim().min(1).max(32),
        scores: z.record(z.string(), z.number()),
        comment: z.string().trim().max(500).nullable().optional(),
      }),
    },
    handler: async (req) => scoreProject(ctx, actorOf(req), req.params.id, req.body),
  });
}
