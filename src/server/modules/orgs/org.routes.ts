import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { forbidden, notFound } from '../../errors.js';
import { can } from '../../actor.js';
import { findUnitInScope, listSubtree, searchUnits } from './org.repository.js';
import { nestTree, partyView, presentOrg } from './org.presenter.js';
import { loadPartyDetails } from './party-org.repository.js';
import { branchesToTransformOrClose } from './coverage.home.js';
import { chinaDate } from '../../../domain/dates.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { registerAuditLabels } from '../audit/index.js';
import { createPartyOrg, updatePartyOrg } from './party-org.details.js';
import { closePartyOrg, closePlan, transformPartyOrg } from './party-org.lifecycle.js';
import { orgsApi } from '../../../shared/api/orgs.js';
import { routeSchema } from '../../http/contract.js';

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
      ...routeSchema(orgsApi['GET /api/orgs/tree']),
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
      ...routeSchema(orgsApi['GET /api/orgs/options']),
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
      ...routeSchema(orgsApi['GET /api/orgs/lifecycle']),
    },
    handler: async (req) => ({ data: await branchesToTransformOrClose(ctx.db, actorOf(req).scope.path) }),
  });

  r.get('/api/orgs/:id', {
    config: { permission: 'orgs.read' },
    schema: { tags, summary: '组织详情 / one unit', ...routeSchema(orgsApi['GET /api/orgs/:id']) },
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
      ...routeSchema(orgsApi['POST /api/orgs']),
    },
    handler: async (req) => ({ id: await createPartyOrg(ctx, actorOf(req), req.body) }),
  });

  r.patch('/api/orgs/:id', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary: '修改党组织 / edit a party organisation (details, covered units, officers)',
      ...routeSchema(orgsApi['PATCH /api/orgs/:id']),
    },
    handler: async (req) => {
      await updatePartyOrg(ctx, actorOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  });

  r.get('/api/orgs/:id/close-plan', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary: '撤销方案：每名党员组织关系的建议去向 / where each member would go',
      ...routeSchema(orgsApi['GET /api/orgs/:id/close-plan']),
    },
    handler: async (req) => closePlan(ctx.db, actorOf(req), req.params.id),
  });

  r.post('/api/orgs/:id/close', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary:
        '撤销党组织：转移全部组织关系（无去向者拒绝并列出）/ close, moving every relation (422 listing members with nowhere to go)',
      ...routeSchema(orgsApi['POST /api/orgs/:id/close']),
    },
    handler: async (req) => closePartyOrg(ctx, actorOf(req), req.params.id, req.body),
  });

  r.post('/api/orgs/:id/transform', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary:
        '转型为商圈、楼宇或社区党支部（党员随之保留）/ transform into a business-district, building or community branch',
      ...routeSchema(orgsApi['POST /api/orgs/:id/transform']),
    },
    handler: async (req) => {
      await transformPartyOrg(ctx, actorOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  });
}
