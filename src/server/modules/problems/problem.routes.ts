import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../shared/input.js';
import { actorOf } from '../../http/authenticate.js';
import { sendFile, XLSX_TYPE } from '../../files/xlsx.js';
import { problemPolicy } from './problem.policy.js';
import { exportQuery, listQuery, problemDetail, problemIdParams, problemPage, raiseBody } from './problem.schemas.js';
import { getProblem, listProblemsFor } from './problem.service.js';
import { raiseProblem } from './problem.intake.js';
import { exportLedger } from './problem.export.js';
import { problemStats } from './problem.stats.js';
import { PHOTO_MAX_BYTES, readOwnUpload, readProblemPhoto, uploadPhoto } from './problem.photos.js';

export async function problemRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['problems'];
  // Photos arrive as the raw image body (camera upload); the content decides, not this header.
  for (const type of ['application/octet-stream', /^image\//] as const)
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES * 2 }, (_req, body, done) =>
      done(null, body),
    );

  r.get('/api/problems', {
    config: { permission: problemPolicy.list },
    schema: { tags, summary: '问题台账 / problem ledger', querystring: listQuery, response: { 200: problemPage } },
    handler: async (req) => listProblemsFor(ctx, actorOf(req), req.query),
  });

  r.get('/api/problems/export', {
    config: { permission: problemPolicy.stats },
    schema: { tags, summary: '导出问题台账（Excel）/ export the ledger', querystring: exportQuery },
    handler: async (req, reply) =>
      sendFile(reply, '问题台账.xlsx', XLSX_TYPE, await exportLedger(ctx, actorOf(req), req.query)),
  });

  r.get('/api/problems/stats', {
    config: { permission: problemPolicy.stats },
    schema: { tags, summary: '按期办结率、反馈率、满意率 / statistics', querystring: exportQuery },
    handler: async (req) => problemStats(ctx, actorOf(req), req.query),
  });

  r.post('/api/problems', {
    config: { permission: problemPolicy.raise },
    schema: { tags, summary: '提出问题（吹哨）/ raise a problem', body: raiseBody, response: { 200: problemDetail } },
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
      response: {
        200: z.object({
          id: z.number().int(),
          width: z.number().int(),
          height: z.number().int(),
          bytes: z.number().int(),
          url: z.string(),
        }),
      },
    },
    handler: async (req) => uploadPhoto(ctx, actorOf(req), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)),
  });

  r.get('/api/problems/photos/:photoId', {
    config: { permission: problemPolicy.raise },
    schema: {
      tags,
      summary: '预览自己刚上传的照片 / preview an own upload',
      params: z.object({ photoId: idParam }),
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
      params: problemIdParams,
      response: { 200: problemDetail },
    },
    handler: async (req) => getProblem(ctx, actorOf(req), req.params.id),
  });

  r.get('/api/problems/:id/photos/:photoId', {
    config: { permission: problemPolicy.read },
    schema: {
      tags,
      summary: '问题照片 / a photo of a problem',
      params: problemIdParams.extend({ photoId: idParam }),
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'private, no-store')
        .send(await readProblemPhoto(ctx, actorOf(req), req.params.id, req.params.photoId)),
  });
}
