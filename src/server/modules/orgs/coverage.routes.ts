import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { orgsApi } from '../../../shared/api/orgs.js';
import { routeSchema } from '../../http/contract.js';
import { reportCtx } from '../../http/read-routing.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { registerAuditLabels } from '../audit/index.js';
import { acceptProposal, coverageOverview, listSetupTasks, rejectProposal } from './coverage.service.js';
import { listProposals, recomputeProposals } from './coverage.proposals.js';
import { auditActorOf } from '../../actor.js';
import './coverage.subscribers.js';

registerFieldLabels(
  {
    parentOrgUnitId: '上级党组织',
    removeKeys: '移出的单位',
    addKeys: '加入的单位',
    reason: '原因',
    townshipId: '乡镇（街道）',
    class: '覆盖分类',
  },
  '/api/coverage',
);
registerAuditLabels(
  { coverage_proposal: '联合党支部组建建议' },
  { accept: '采纳', reject: '否决', recompute: '重新计算' },
);

export async function coverageRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['coverage'];

  r.get('/api/coverage', {
    config: { permission: 'coverage.read' },
    schema: {
      tags,
      summary:
        '组织覆盖：在建项目和企业按覆盖分类，组织覆盖率和工作覆盖率（区域、乡镇），附计算公式 / units by class and coverage rates with their formulas',
      description:
        '组织覆盖率 = 已由党组织覆盖（单独建支部或联合党支部）的单位数 ÷ 在建项目与企业总数；工作覆盖率 = 已由党组织覆盖或已选派党建指导员（项目专员、指导站）的单位数 ÷ 总数。单位：开工至竣工前的项目，及企业（仅有一个在建项目的业主企业并入该项目计）。正式党员≥3名的单位应单独建支部，<3名的需联合组建。',
      ...routeSchema(orgsApi['GET /api/coverage']),
    },
    handler: async (req) => coverageOverview(reportCtx(ctx, req), actorOf(req), req.query),
  });

  r.get('/api/coverage/proposals', {
    config: { permission: 'coverage.read' },
    schema: {
      tags,
      summary:
        '联合党支部组建建议（已保存的；重新计算用 POST …/recompute）/ the stored joint-branch proposals (recompute with POST …/recompute)',
      description:
        '规则“地域相邻、行业相近、规模适当、便于管理”：同一乡镇，任意两单位相距不超过 3 公里，优先同行业，至多 5 个单位，正式党员合计不少于 3 名、不超过 50 名；正式党员≥3名的单位从不列入。结果确定（同样的数据得到同样的建议），每条附理由。',
      ...routeSchema(orgsApi['GET /api/coverage/proposals']),
    },
    handler: async (req) => listProposals(ctx, actorOf(req), req.query),
  });

  r.post('/api/coverage/proposals/recompute', {
    config: { permission: 'coverage.read' },
    schema: {
      tags,
      summary:
        '重新计算本辖区的联合党支部组建建议并保存（已决定的保留，不再适用的过期）；每晚也自动计算 / recompute and store the proposals of your subtree (also nightly)',
      ...routeSchema(orgsApi['POST /api/coverage/proposals/recompute']),
    },
    handler: async (req) => {
      const actor = actorOf(req);
      return recomputeProposals(ctx, actor.scope.path, auditActorOf(actor));
    },
  });

  r.post('/api/coverage/proposals/:id/accept', {
    config: { permission: 'coverage.decide' },
    schema: {
      tags,
      summary:
        '采纳建议（可改名称、上级、增减单位），一次事务建立联合党支部及覆盖关系 / accept (optionally edited): creates the joint branch and its links in one transaction',
      ...routeSchema(orgsApi['POST /api/coverage/proposals/:id/accept']),
    },
    handler: async (req) => acceptProposal(ctx, actorOf(req), req.params.id, req.body),
  });

  r.post('/api/coverage/proposals/:id/reject', {
    config: { permission: 'coverage.decide' },
    schema: {
      tags,
      summary: '否决建议（须说明原因）/ reject a proposal with a reason',
      ...routeSchema(orgsApi['POST /api/coverage/proposals/:id/reject']),
    },
    handler: async (req) => {
      await rejectProposal(ctx, actorOf(req), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  });

  r.get('/api/coverage/setup-tasks', {
    config: { permission: 'coverage.read' },
    schema: {
      tags,
      summary: '三同步：项目登记即开启“组建党支部”任务（20 个工作日内）/ “set up the branch” tasks',
      ...routeSchema(orgsApi['GET /api/coverage/setup-tasks']),
    },
    handler: async (req) => listSetupTasks(ctx, actorOf(req), req.query),
  });
}
