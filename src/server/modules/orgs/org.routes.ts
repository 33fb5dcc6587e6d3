import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { forbidden } from '../../errors.js';
import { can } from '../../actor.js';
import { lifecycleBranches, orgDetail, orgOptions, orgTree } from './org.service.js';
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
    handler: async (req) => orgTree(ctx, actorOf(req), req.query.includeClosed === 'true'),
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
      return orgOptions(ctx, a, req.query);
    },
  });

  r.get('/api/orgs/lifecycle', {
    config: { permission: 'orgs.write' },
    schema: {
      tags,
      summary: '项目已竣工、待转型或撤销的临时/联合党支部 / temporary and joint branches whose projects are completed',
      ...routeSchema(orgsApi['GET /api/orgs/lifecycle']),
    },
    handler: async (req) => lifecycleBranches(ctx, actorOf(req)),
  });

  r.get('/api/orgs/:id', {
    config: { permission: 'orgs.read' },
    schema: { tags, summary: '组织详情 / one unit', ...routeSchema(orgsApi['GET /api/orgs/:id']) },
    handler: async (req) => orgDetail(ctx, actorOf(req), req.params.id),
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
