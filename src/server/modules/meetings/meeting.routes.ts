import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, idRef } from '../../../shared/input.js';
import { actorOf } from '../../http/authenticate.js';
import { isoDateString, pageQuery } from '../../http/pagination.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { PROBLEM_CATEGORY_CODES } from '../../../shared/problem-categories.js';
import { addDecision, createMeeting, getMeeting, listMeetings } from './meeting.service.js';

registerFieldLabels({
  subject: '会议名称',
  heldOn: '会议日期',
  attendees: '参会单位',
  unitName: '单位名称',
  people: '参会人员',
  place: '地点',
  host: '主持人',
  summary: '会议纪要',
  problemIds: '研究的问题',
});

const idParams = z.object({ id: idParam });
const text = (max: number) => z.string().trim().min(1).max(max);

/** 党政企联席会议: meetings, the problems they discuss, and decisions that open or close problems. */
export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['meetings'];

  r.get('/api/meetings', {
    config: { permission: 'meetings.read' },
    schema: { tags, summary: '联席会议列表 / joint meetings', querystring: pageQuery },
    handler: async (req) => listMeetings(ctx, actorOf(req), req.query),
  });

  r.post('/api/meetings', {
    config: { permission: 'meetings.write' },
    schema: {
      tags,
      summary: '记录联席会议 / record a joint meeting',
      body: z.object({
        heldOn: isoDateString,
        subject: text(100),
        place: z.string().trim().max(100).optional(),
        host: z.string().trim().max(50).optional(),
        attendees: z
          .array(
            z.object({
              unitId: idRef.nullable().optional(),
              unitName: text(100),
              people: z.string().trim().max(200),
            }),
          )
          .min(1)
          .max(50),
        summary: z.string().trim().max(4000).optional(),
        problemIds: z.array(idRef).max(100).optional(),
      }),
    },
    handler: async (req) => getMeeting(ctx, actorOf(req), await createMeeting(ctx, actorOf(req), req.body)),
  });

  r.get('/api/meetings/:id', {
    config: { permission: 'meetings.read' },
    schema: { tags, summary: '会议详情 / a meeting', params: idParams },
    handler: async (req) => getMeeting(ctx, actorOf(req), req.params.id),
  });

  r.post('/api/meetings/:id/decisions', {
    config: { permission: 'meetings.write' },
    schema: {
      tags,
      summary: '记录会议决定（可新建或关闭问题）/ record a decision',
      params: idParams,
      body: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('note'), text: text(2000) }),
        z.object({
          kind: z.literal('create_problem'),
          text: text(2000),
          category: z.enum(PROBLEM_CATEGORY_CODES),
          description: text(2000),
          firmUnitId: idRef.optional(),
          projectId: idRef.optional(),
        }),
        z.object({
          kind: z.literal('close_problem'),
          text: text(2000),
          problemId: idRef,
          answer: text(4000),
        }),
      ]),
    },
    handler: async (req) => addDecision(ctx, actorOf(req), req.params.id, req.body),
  });
}
