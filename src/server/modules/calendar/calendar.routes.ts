import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate.js';
import { auditActorOf } from '../../actor.js';
import { isoDateString } from '../../http/pagination.js';
import { notFound } from '../../errors.js';
import { addWorkingDays, provisionalYear, workingDaysBetween } from '../../../domain/calendar.js';
import { withDateOrder } from '../../../shared/input.js';
import { parseScheduleCsv, parseScheduleJson } from '../../../domain/calendar-import.js';
import { findYear, listYears, yearDays } from './calendar.repository.js';
import { removeYear, rethrowNotice, rethrowSchedule, saveYearSchedule } from './calendar.service.js';
import { parseHolidayNotice } from '../../../domain/calendar-notice.js';

const dayItem = z.object({
  date: isoDateString,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(32),
});
const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const tags = ['calendar'];

  r.get('/api/calendar/working-days', {
    config: { public: true },
    schema: {
      tags,
      summary: '区间内工作日数（含两端）/ working days in a range, both ends included',
      querystring: withDateOrder(z.object({ from: isoDateString, to: isoDateString })),
      response: { 200: z.object({ count: z.number().int(), provisionalYear: z.number().int().nullable() }) },
    },
    handler: async (req) => {
      const cal = await ctx.calendar.get();
      return {
        count: workingDaysBetween(cal, req.query.from, req.query.to),
        provisionalYear: provisionalYear(cal, req.query.from, req.query.to),
      };
    },
  });

  r.get('/api/calendar/add-working-days', {
    config: { public: true },
    schema: {
      tags,
      summary: '第 N 个工作日 / the Nth working day after a date',
      querystring: z.object({ date: isoDateString, days: z.coerce.number().int().min(-3660).max(3660) }),
      response: { 200: z.object({ date: z.string(), provisionalYear: z.number().int().nullable() }) },
    },
    handler: async (req) => {
      const cal = await ctx.calendar.get();
      const date = addWorkingDays(cal, req.query.date, req.query.days);
      return { date, provisionalYear: provisionalYear(cal, req.query.date, date) };
    },
  });

  r.get('/api/calendar/years', {
    config: { public: true },
    schema: { tags, summary: '已导入的年份 / loaded years' },
    handler: async () => ({
      data: (await listYears(ctx.db)).map((y) => ({ ...y, updatedAt: y.updatedAt.toISOString() })),
    }),
  });

  r.get('/api/calendar/years/:year', {
    config: { public: true },
    schema: { tags, summary: '某年的节假日与调休 / a year’s exceptions', params: yearParams },
    handler: async (req) => {
      const y = await findYear(ctx.db, req.params.year);
      if (!y) throw notFound({ zh: `${req.params.year} 年工作日历`, en: `Calendar ${req.params.year}` });
      return {
        year: y.year,
        source: y.source,
        note: y.note,
        updatedAt: y.updatedAt.toISOString(),
        days: await yearDays(ctx.db, y.year),
      };
    },
  });

  r.put('/api/calendar/years/:year', {
    config: { permission: 'calendar.write' },
    schema: {
      tags,
      summary: '保存某年日历 / save a year',
      params: yearParams,
      body: z.object({ note: z.string().max(200).nullable().optional(), days: z.array(dayItem).max(366) }),
    },
    handler: async (req) => {
      await saveYearSchedule(
        ctx,
        auditActorOf(actorOf(req)),
        { year: req.params.year, days: req.body.days },
        'ui',
        req.body.note ?? null,
      );
      return { ok: true };
    },
  });

  r.post('/api/calendar/import', {
    config: { permission: 'calendar.write' },
    schema: {
      tags,
      summary: '从 JSON/CSV 文件导入某年日历 / import a year from a file',
      body: z.object({
        format: z.enum(['json', 'csv']),
        content: z.string().min(1).max(200_000),
        year: z.number().int().min(2000).max(2100).optional(),
      }),
    },
    handler: async (req) => {
      const { format, content, year } = req.body;
      let schedule;
      try {
        schedule = format === 'json' ? parseScheduleJson(content, year) : parseScheduleCsv(content, year);
      } catch (e) {
        rethrowSchedule(e);
      }
      await saveYearSchedule(ctx, auditActorOf(actorOf(req)), schedule, `import:${format}`);
      return { ok: true, year: schedule.year, days: schedule.days.length };
    },
  });

  const noticeBody = z.object({
    text: z.string().trim().min(1, '请粘贴通知全文').max(20_000),
    year: z.number().int().min(2000).max(2100).optional(),
  });
  const readNotice = (body: z.infer<typeof noticeBody>) => {
    try {
      return parseHolidayNotice(body.text, body.year);
    } catch (e) {
      rethrowNotice(e);
    }
  };

  r.post('/api/calendar/notice/preview', {
    config: { permission: 'calendar.write' },
    schema: {
      tags,
      summary: '预览：解析粘贴的国务院节假日安排通知（不保存）/ parse a pasted State Council notice',
      body: noticeBody,
    },
    handler: async (req) => {
      const n = readNotice(req.body);
      return { year: n.year, loaded: Boolean(await findYear(ctx.db, n.year)), days: n.days, items: n.items };
    },
  });

  r.post('/api/calendar/notice', {
    config: { permission: 'calendar.write' },
    schema: {
      tags,
      summary: '确认导入粘贴的通知：保存该年日历并重算全部暂定期限 / load a year from a pasted notice',
      body: noticeBody,
    },
    handler: async (req) => {
      const n = readNotice(req.body);
      const recomputed = await saveYearSchedule(
        ctx,
        auditActorOf(actorOf(req)),
        { year: n.year, days: n.days },
        'notice',
      );
      return { ok: true, year: n.year, days: n.days.length, recomputed };
    },
  });

  r.delete('/api/calendar/years/:year', {
    config: { permission: 'calendar.write' },
    schema: { tags, summary: '删除某年日历 / remove a year', params: yearParams },
    handler: async (req) => {
      await removeYear(ctx, auditActorOf(actorOf(req)), req.params.year);
      return { ok: true };
    },
  });
}
