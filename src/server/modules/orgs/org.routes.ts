import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate.js';
import { forbidden, notFound } from '../../errors.js';
import { ORG_KIND_CODES } from '../../../shared/org-kinds.js';
import { can } from '../../actor.js';
import { findUnitInScope, listSubtree, searchUnits } from './org.repository.js';
import { nestTree, presentOrg } from './org.presenter.js';

const ORG = { zh: '组织', en: 'Organisation' };

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['orgs'];

  r.get('/api/orgs/tree', {
    config: { permission: 'orgs.read' },
    schema: { tags, summary: '组织树（本级及下级）/ the organisation tree under the actor', querystring: z.object({ includeClosed: z.enum(['true', 'false']).optional() }) },
    handler: async (req) => {
      const a = actorOf(req);
      return { data: nestTree(await listSubtree(ctx.db, a.scope.path, { includeClosed: req.query.includeClosed === 'true' })) };
    },
  });

  r.get('/api/orgs/options', {
    schema: {
      tags,
      summary: '选择组织（名称搜索，支持拼音首字母）/ pick a unit',
      querystring: z.object({ q: z.string().trim().max(64).optional(), kind: z.array(z.enum(ORG_KIND_CODES)).or(z.enum(ORG_KIND_CODES)).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }),
    },
    handler: async (req) => {
      const a = actorOf(req);
      if (!can(a, 'orgs.read') && !can(a, 'orgs.pick')) throw forbidden();
      const kinds = req.query.kind === undefined ? undefined : Array.isArray(req.query.kind) ? req.query.kind : [req.query.kind];
      const rows = await searchUnits(ctx.db, a.scope.path, { q: req.query.q, kinds, limit: req.query.limit });
      return { data: rows.map((u) => ({ id: u.id, name: u.name, kind: u.kind, path: u.path, depth: u.depth })) };
    },
  });

  r.get('/api/orgs/:id', {
    config: { permission: 'orgs.read' },
    schema: { tags, summary: '组织详情 / one unit', params: z.object({ id: z.coerce.number().int().positive() }) },
    handler: async (req) => {
      const unit = await findUnitInScope(ctx.db, actorOf(req).scope.path, req.params.id);
      if (!unit) throw notFound(ORG);
      return presentOrg(unit);
    },
  });
}
