import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, idRef, int4 } from '../../../shared/input.js';
import { actorOf } from '../../http/authenticate.js';
import { forbidden, notFound } from '../../errors.js';
import { ORG_KIND_CODES } from '../../../shared/org-kinds.js';
import { can } from '../../actor.js';
import { findUnitInScope, listSubtree, searchUnits } from './org.repository.js';
import { nestTree, partyView, presentOrg } from './org.presenter.js';
import { loadPartyDetails } from './party-org.repository.js';
import { branchesToTransformOrClose } from './coverage.home.js';
import { chinaDate } from '../../../domain/dates.js';
import { isoDateString } from '../../http/pagination.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { registerAuditLabels } from '../audit/index.js';
import {
  closePartyOrg,
  closePlan,
  createPartyOrg,
  TRANSFORM_INTO,
  transformPartyOrg,
  updatePartyOrg,
  type TransformInto,
} from './party-org.service.js';

registerFieldLabels(
  {
    parentId: '上级组织',
    kind: '组织类型',
    establishedOn: '成立日期',
    docNo: '批复文号',
    termYears: '任期（年）',
    termStartedOn: '本届开始日期',
    nextElectionOn: '下次换届日期',
    covered: '覆盖单位',
    officers: '委员',
    personId: '党员',
    role: '职务',
    destinations: '去向',
    orgUnitId: '去向组织',
    into: '转型为',
    reason: '原因',
  },
  '/api/orgs',
);
registerAuditLabels({ party_org: '党组织' }, { close: '撤销', transform: '转型', unbind_branch: '解除党组织绑定' });

const partyFields = {
  establishedOn: isoDateString.nullable().optional(),
  docNo: z.string().trim().max(64).nullable().optional(),
  termYears: z.number().int().min(1).max(5).nullable().optional(),
  termStartedOn: isoDateString.nullable().optional(),
  nextElectionOn: isoDateString.nullable().optional(),
  projectId: idRef.nullable().optional(),
  covered: z
    .array(z.object({ kind: z.enum(['project', 'unit']), id: idRef }))
    .max(50)
    .optional(),
  officers: z
    .array(
      z.object({
        personId: idRef,
        role: z.enum(['secretary', 'deputy_secretary', 'committee_member']),
      }),
    )
    .max(30)
    .optional(),
};
const idParams = z.object({ id: idParam });

const ORG = { zh: '组织', en: 'Organisation' };

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['orgs'];

  r.get('/api/orgs/tree', {
    config: { permission: 'orgs.read' },
    schema: {
      tags,
      summary: '组织树（本级及下级）/ the organisation tree under the actor',
      querystring: z.object({ includeClosed: z.enum(['true', 'false']).optional() }),
    },
    handler: async (req) => {
      const a = actorOf(req);
      const rows = await listSubtree(ctx.db, a.scope.path, { includeClosed: req.query.includeClosed === 'true' });
      return { data: nestTree(rows, await loadPartyDetails(ctx.db, rows), chinaDate(ctx.clock.now())) };
    },
  });

  r.get('/api/orgs/options', {
    schema: {
      tags,
      summary: '选择组织（名称搜索，支持拼音首字母）/ pick a unit',
      querystring: z.object({
        q: z.string().trim().max(64).optional(),
        kind: z.array(z.enum(ORG_KIND_CODES)).or(z.enum(ORG_KIND_CODES)).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
    },
    handler: async (req) => {
      const a = actorOf(req);
      if (!can(a, 'orgs.read') && !can(a, 'orgs.pick')) throw forbidden();
      const kinds =
        req.query.kind === undefined ? undefined : Array.isArray(req.query.kind) ? req.query.kind : [req.query.kind];
      const rows = await searchUnits(ctx.db, a.scope.path, { q: req.query.q, kinds, limit: req.query.limit });
      return { data: rows.map((u) => ({ id: u.id, name: u.name, kind: u.kind, path: u.path, depth: u.depth })) };
    },
  });

  r.get('/api/orgs/lifecycle', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary: '项目已竣工、待转型或撤销的临时/联合党支部 / temporary and joint branches whose projects are completed',
    },
    handler: async (req) => ({ data: await branchesToTransformOrClose(ctx.db, actorOf(req).scope.path) }),
  });

  r.get('/api/orgs/:id', {
    config: { permission: 'orgs.read' },
    schema: { tags, summary: '组织详情 / one unit', params: z.object({ id: idParam }) },
    handler: async (req) => {
      const unit = await findUnitInScope(ctx.db, actorOf(req).scope.path, req.params.id);
      if (!unit) throw notFound(ORG);
      return {
        ...presentOrg(unit),
        ...partyView(unit.kind, (await loadPartyDetails(ctx.db, [unit])).get(unit.id), chinaDate(ctx.clock.now())),
      };
    },
  });

  r.post('/api/orgs', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary: '新建党组织（详情、覆盖单位、委员）/ create a party organisation',
      body: z.object({
        parentId: idRef,
        kind: z.enum(ORG_KIND_CODES),
        name: z.string().trim().min(2).max(64),
        ...partyFields,
      }),
    },
    handler: async (req) => ({ id: await createPartyOrg(ctx, actorOf(req), req.body) }),
  });

  r.patch('/api/orgs/:id', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary: '修改党组织 / edit a party organisation (details, covered units, officers)',
      params: idParams,
      body: z.object({
        name: z.string().trim().min(2).max(64).optional(),
        version: int4.optional(),
        ...partyFields,
      }),
    },
    handler: async (req) => {
      await updatePartyOrg(ctx, actorOf(req), req.params.id, req.body);
      return { ok: true };
    },
  });

  r.get('/api/orgs/:id/close-plan', {
    config: { permission: 'orgs.write' },
    schema: { tags, summary: '撤销方案：每名党员组织关系的建议去向 / where each member would go', params: idParams },
    handler: async (req) => closePlan(ctx.db, actorOf(req), req.params.id),
  });

  r.post('/api/orgs/:id/close', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary:
        '撤销党组织：转移全部组织关系（无去向者拒绝并列出）/ close, moving every relation (422 listing members with nowhere to go)',
      params: idParams,
      body: z.object({
        destinations: z
          .array(z.object({ personId: idRef, orgUnitId: idRef }))
          .max(5000)
          .optional(),
        reason: z.string().trim().max(200).optional(),
      }),
    },
    handler: async (req) => closePartyOrg(ctx, actorOf(req), req.params.id, req.body),
  });

  r.post('/api/orgs/:id/transform', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary:
        '转型为商圈、楼宇或社区党支部（党员随之保留）/ transform into a business-district, building or community branch',
      params: idParams,
      body: z.object({
        into: z.enum(Object.keys(TRANSFORM_INTO) as [TransformInto, ...TransformInto[]]),
        name: z.string().trim().min(2).max(64),
      }),
    },
    handler: async (req) => {
      await transformPartyOrg(ctx, actorOf(req), req.params.id, req.body);
      return { ok: true };
    },
  });
}
