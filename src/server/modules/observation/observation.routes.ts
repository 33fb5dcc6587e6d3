import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { observationApi } from '../../../shared/api/observation.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { createEvent, getEvent, listEvents, scoreProject, updateCriteria } from './observation.service.js';

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
    schema: {
      tags,
      summary: '半年观摩活动 / observation events',
      ...routeSchema(observationApi['GET /api/observations']),
    },
    handler: async (req) => listEvents(ctx, actorOf(req), req.query),
  });

  r.post('/api/observations', {
    config: { permission: 'observation.write' },
    schema: {
      tags,
      summary: '新建观摩活动 / create an event',
      ...routeSchema(observationApi['POST /api/observations']),
    },
    handler: async (req) => createEvent(ctx, actorOf(req), req.body),
  });

  r.get('/api/observations/:id', {
    config: { permission: 'observation.read' },
    schema: {
      tags,
      summary: '观摩活动、评分表与得分 / an event with scores and totals',
      ...routeSchema(observationApi['GET /api/observations/:id']),
    },
    handler: async (req) => getEvent(ctx, actorOf(req), req.params.id),
  });

  r.put('/api/observations/:id/criteria', {
    config: { permission: 'observation.write' },
    schema: {
      tags,
      summary: '修改评分表（评分前）/ change the sheet',
      ...routeSchema(observationApi['PUT /api/observations/:id/criteria']),
    },
    handler: async (req) => updateCriteria(ctx, actorOf(req), req.params.id, req.body),
  });

  r.put('/api/observations/:id/scores', {
    config: { permission: 'observation.write' },
    schema: {
      tags,
      summary: '录入评分 / enter a scoring sheet',
      ...routeSchema(observationApi['PUT /api/observations/:id/scores']),
    },
    handler: async (req) => scoreProject(ctx, actorOf(req), req.params.id, req.body),
  });
}
