import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authenticate.js';
import { auditActorOf } from '../../actor.js';
import { calendarApi } from '../../../shared/api/calendar.js';
import { routeSchema } from '../../http/contract.js';
import {
  countWorkingDays,
  getYear,
  importSchedule,
  listCalendarYears,
  loadNotice,
  nthWorkingDay,
  previewNotice,
  removeYear,
  saveYearSchedule,
} from './calendar.service.js';

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['calendar'];

  r.get('/api/calendar/working-days', {
    config: { public: true },
    schema: {
      tags,
      summary: '区间内工作日数（含两端）/ working days in a range, both ends included',
      ...routeSchema(calendarApi['GET /api/calendar/working-days']),
    },
    handler: async (req) => countWorkingDays(ctx, req.query.from, req.query.to),
  });

  r.get('/api/calendar/add-working-days', {
    config: { public: true },
    schema: {
      tags,
      summary: '第 N 个工作日 / the Nth working day after a date',
      ...routeSchema(calendarApi['GET /api/calendar/add-working-days']),
    },
    handler: async (req) => nthWorkingDay(ctx, req.query.date, req.query.days),
  });

  r.get('/api/calendar/years', {
    config: { public: true },
    schema: { tags, summary: '已导入的年份 / loaded years', ...routeSchema(calendarApi['GET /api/calendar/years']) },
    handler: async () => listCalendarYears(ctx),
  });

  r.get('/api/calendar/years/:year', {
    config: { public: true },
    schema: {
      tags,
      summary: '某年的节假日与调休 / a year’s exceptions',
      ...routeSchema(calendarApi['GET /api/calendar/years/:year']),
    },
    handler: async (req) => getYear(ctx, req.params.year),
  });

  r.put('/api/calendar/years/:year', {
    config: { permission: 'calendar.write' },
    schema: {
      tags,
      summary: '保存某年日历 / save a year',
      ...routeSchema(calendarApi['PUT /api/calendar/years/:year']),
    },
    handler: async (req) => {
      await saveYearSchedule(
        ctx,
        auditActorOf(actorOf(req)),
        { year: req.params.year, days: req.body.days },
        'ui',
        req.body.note ?? null,
      );
      return { ok: true as const };
    },
  });

  r.post('/api/calendar/import', {
    config: { permission: 'calendar.write' },
    schema: {
      tags,
      summary: '从 JSON/CSV 文件导入某年日历 / import a year from a file',
      ...routeSchema(calendarApi['POST /api/calendar/import']),
    },
    handler: async (req) => importSchedule(ctx, auditActorOf(actorOf(req)), req.body),
  });

  r.post('/api/calendar/notice/preview', {
    config: { permission: 'calendar.write' },
    schema: {
      tags,
      summary: '预览：解析粘贴的国务院节假日安排通知（不保存）/ parse a pasted State Council notice',
      ...routeSchema(calendarApi['POST /api/calendar/notice/preview']),
    },
    handler: async (req) => previewNotice(ctx, req.body),
  });

  r.post('/api/calendar/notice', {
    config: { permission: 'calendar.write' },
    schema: {
      tags,
      summary: '确认导入粘贴的通知：保存该年日历并重算全部暂定期限 / load a year from a pasted notice',
      ...routeSchema(calendarApi['POST /api/calendar/notice']),
    },
    handler: async (req) => loadNotice(ctx, auditActorOf(actorOf(req)), req.body),
  });

  r.delete('/api/calendar/years/:year', {
    config: { permission: 'calendar.write' },
    schema: {
      tags,
      summary: '删除某年日历 / remove a year',
      ...routeSchema(calendarApi['DELETE /api/calendar/years/:year']),
    },
    handler: async (req) => {
      await removeYear(ctx, auditActorOf(actorOf(req)), req.params.year);
      return { ok: true as const };
    },
  });
}
