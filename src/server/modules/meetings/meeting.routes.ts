import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { routeSchema } from '../../http/contract.js';
import { registerFieldLabels } from '../../http/field-labels.js';
import { meetingsApi } from '../../../shared/api/meetings.js';
import { addDecision, getMeeting, listMeetings, recordMeeting } from './meeting.service.js';

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

/** 党政企联席会议: meetings, the problems they discuss, and decisions that open or close problems. */
export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['meetings'];

  r.get('/api/meetings', {
    config: { permission: 'meetings.read' },
    schema: { tags, summary: '联席会议列表 / joint meetings', ...routeSchema(meetingsApi['GET /api/meetings']) },
    handler: async (req) => listMeetings(ctx, actorOf(req), req.query),
  });

  r.post('/api/meetings', {
    config: { permission: 'meetings.write' },
    schema: {
      tags,
      summary: '记录联席会议 / record a joint meeting',
      ...routeSchema(meetingsApi['POST /api/meetings']),
    },
    handler: async (req) => recordMeeting(ctx, actorOf(req), req.body),
  });

  r.get('/api/meetings/:id', {
    config: { permission: 'meetings.read' },
    schema: { tags, summary: '会议详情 / a meeting', ...routeSchema(meetingsApi['GET /api/meetings/:id']) },
    handler: async (req) => getMeeting(ctx, actorOf(req), req.params.id),
  });

  r.post('/api/meetings/:id/decisions', {
    config: { permission: 'meetings.write' },
    schema: {
      tags,
      summary: '记录会议决定（可新建或关闭问题）/ record a decision',
      ...routeSchema(meetingsApi['POST /api/meetings/:id/decisions']),
    },
    handler: async (req) => addDecision(ctx, actorOf(req), req.params.id, req.body),
  });
}
