import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { sendFile, XLSX_TYPE } from '../../files/xlsx.js';
import { invalid } from '../../errors.js';
import { peoplePolicy } from './people.policy.js';
import { peopleApi } from '../../../shared/api/people.js';
import { routeSchema } from '../../http/contract.js';
import { createPerson, listPeopleFor, setFlow, updatePerson } from './people.service.js';
import { addParticipation, endParticipation } from './person.participations.js';
import { orgPipeline, recordPipelineStep } from './pipeline.service.js';
import { decideTransfer, issueTransfer, listTransfersFor } from './transfer.service.js';
import { exportPeople } from './people.export.js';
import { readPerson, revealPersonField } from './people.privacy.js';
import { IMPORT_MAX_ROWS, importPeople, importTemplate } from './people.import.js';
import { queueRosterImport } from './people.tasks.js';

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['people'];
  // A roster arrives as the raw .xlsx body.
  for (const type of [XLSX_TYPE, 'application/octet-stream'])
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMPORT_MAX_ROWS * 1024 }, (_req, body, done) =>
      done(null, body),
    );

  r.get('/api/people', {
    config: { permission: peoplePolicy.list },
    schema: {
      tags,
      summary: '党员（人员）列表：筛选、拼音首字母搜索、分页 / people list',
      ...routeSchema(peopleApi['GET /api/people']),
    },
    handler: async (req) => listPeopleFor(ctx, actorOf(req), req.query),
  });

  r.get('/api/people/export', {
    config: { permission: peoplePolicy.export },
    schema: {
      tags,
      summary: '导出党员台账（Excel，身份证号和手机号打码）/ export (masked)',
      ...routeSchema(peopleApi['GET /api/people/export']),
    },
    handler: async (req, reply) =>
      sendFile(reply, '党员台账.xlsx', XLSX_TYPE, await exportPeople(ctx, actorOf(req), req.query)),
  });

  r.get('/api/people/import/template', {
    config: { permission: peoplePolicy.import },
    // a file, nothing to validate: peopleApi['GET /api/people/import/template'] describes it
    schema: { tags, summary: '党员名册导入模板 / roster template' },
    handler: async (_req, reply) => sendFile(reply, '党员名册导入模板.xlsx', XLSX_TYPE, await importTemplate()),
  });

  r.post('/api/people/import', {
    config: { permission: peoplePolicy.import },
    schema: {
      tags,
      summary: '导入党员名册（逐行校验报告；有错误时不写入，除非 onlyValid=true）/ import a roster',
      ...routeSchema(peopleApi['POST /api/people/import']),
    },
    handler: async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        throw invalid({ zh: '文件：请上传 .xlsx 文件', en: 'file: upload an .xlsx file' });
      return importPeople(ctx, actorOf(req), req.body, req.query.onlyValid);
    },
  });

  r.post('/api/people/import/task', {
    config: { permission: peoplePolicy.import },
    schema: {
      tags,
      summary: '导入党员名册（后台任务，结果在任务中心）/ import a roster as a task',
      ...routeSchema(peopleApi['POST /api/people/import/task']),
    },
    handler: async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        throw invalid({ zh: '文件：请上传 .xlsx 文件', en: 'file: upload an .xlsx file' });
      return queueRosterImport(ctx, actorOf(req), req.body, req.query.onlyValid);
    },
  });

  r.get('/api/people/pipeline', {
    config: { permission: peoplePolicy.read },
    schema: {
      tags,
      summary: '发展党员：各阶段人员与下一个到期事项 / pipeline per org',
      ...routeSchema(peopleApi['GET /api/people/pipeline']),
    },
    handler: async (req) => orgPipeline(ctx, actorOf(req), req.query.orgId),
  });

  r.get('/api/people/transfers', {
    config: { permission: peoplePolicy.read },
    schema: {
      tags,
      summary: '组织关系转接列表 / relation transfers',
      ...routeSchema(peopleApi['GET /api/people/transfers']),
    },
    handler: async (req) => listTransfersFor(ctx, actorOf(req), req.query),
  });

  r.post('/api/people/transfers', {
    config: { permission: peoplePolicy.transfers },
    schema: {
      tags,
      summary: '开具组织关系介绍信 / issue a transfer',
      ...routeSchema(peopleApi['POST /api/people/transfers']),
    },
    handler: async (req) => ({ id: await issueTransfer(ctx, actorOf(req), req.body) }),
  });

  for (const decision of ['receive', 'reject', 'revoke'] as const)
    r.post(`/api/people/transfers/:id/${decision}`, {
      config: { permission: peoplePolicy.transfers },
      schema: {
        tags,
        summary: `${decision === 'receive' ? '接收' : decision === 'reject' ? '拒绝' : '撤销'}组织关系转接 / ${decision}`,
        ...routeSchema(peopleApi[`POST /api/people/transfers/:id/${decision}`]),
      },
      handler: async (req) => {
        await decideTransfer(ctx, actorOf(req), req.params.id, decision, req.body);
        return { ok: true as const };
      },
    });

  r.get('/api/people/:id', {
    config: { permission: peoplePolicy.read },
    schema: {
      tags,
      summary: '人员详情（身份证号、手机号打码；查看记入审计）/ person (masked, read audited)',
      ...routeSchema(peopleApi['GET /api/people/:id']),
    },
    handler: async (req) => readPerson(ctx, actorOf(req), req.params.id),
  });

  r.post('/api/people/:id/reveal', {
    config: { permission: peoplePolicy.reveal },
    schema: {
      tags,
      summary: '查看完整身份证号或手机号（须填写理由，记入审计）/ reveal one field with a reason (audited)',
      ...routeSchema(peopleApi['POST /api/people/:id/reveal']),
    },
    handler: async (req) => revealPersonField(ctx, actorOf(req), req.params.id, req.body),
  });

  r.post('/api/people', {
    config: { permission: peoplePolicy.write },
    schema: { tags, summary: '登记人员 / register a person', ...routeSchema(peopleApi['POST /api/people']) },
    handler: async (req) => createPerson(ctx, actorOf(req), req.body),
  });

  r.patch('/api/people/:id', {
    config: { permission: peoplePolicy.write },
    schema: {
      tags,
      summary: '修改人员（乐观锁 version）/ edit a person',
      ...routeSchema(peopleApi['PATCH /api/people/:id']),
    },
    handler: async (req) => updatePerson(ctx, actorOf(req), req.params.id, req.body),
  });

  r.post('/api/people/:id/flow', {
    config: { permission: peoplePolicy.write },
    schema: {
      tags,
      summary: '登记流出/流入 / mark flowing',
      ...routeSchema(peopleApi['POST /api/people/:id/flow']),
    },
    handler: async (req) => setFlow(ctx, actorOf(req), req.params.id, req.body),
  });

  r.post('/api/people/:id/participations', {
    config: { permission: peoplePolicy.write },
    schema: {
      tags,
      summary: '双向管理：登记参与其他党组织 / add participation',
      ...routeSchema(peopleApi['POST /api/people/:id/participations']),
    },
    handler: async (req) => addParticipation(ctx, actorOf(req), req.params.id, req.body),
  });

  r.post('/api/people/:id/participations/:pid/end', {
    config: { permission: peoplePolicy.write },
    schema: {
      tags,
      summary: '结束双向管理参与 / end participation',
      ...routeSchema(peopleApi['POST /api/people/:id/participations/:pid/end']),
    },
    handler: async (req) => endParticipation(ctx, actorOf(req), req.params.id, req.params.pid, req.body.until),
  });

  r.post('/api/people/:id/pipeline', {
    config: { permission: peoplePolicy.write },
    schema: {
      tags,
      summary: '登记发展党员步骤 / record a pipeline step',
      ...routeSchema(peopleApi['POST /api/people/:id/pipeline']),
    },
    handler: async (req) => recordPipelineStep(ctx, actorOf(req), req.params.id, req.body),
  });
}
