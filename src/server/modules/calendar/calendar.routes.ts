import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate.js';
import { auditActorOf } from '../../actor.js';
import { isoDateString } from '../../http/pagination.js';
import { notFound } from '../../errors.js';
import { addWorkingDays, workingDaysBetween } from '../../../domain/calendar.js';
import { withDateOrder } from '../../../shared/input.js';
import { parseScheduleCsv, parseScheduleJson } from '../../../domain/calendar-import.js';
import { findYear, listYears, yearDays } from './calendar.repository.js';
import { removeYear, rethrowSchedule, saveYearSchedule } from './calendar.service.js';

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
      response: { 200: z.object({ count: z.number().int() }) },
    },
    handler: async (req) => {
      return { count: workingDaysBetween(await ctx.calendar.get(), req.query.from, req.query.to) };
    },
  });

  r.get('/api/calendar/add-working-days', {
    config: { public: true },
    schema: {
      tags,
      summary: '第 N 个工作日 / the Nth working day after a date',
      querystring: z.object({ date: isoDateString, days: z.coerce.number().int().min(-3660).max(3660) }),
      response: { 200: z.object({ date: z.string() }) },
    },
    handler: async (req) => {
      return { date: addWorkingDays(await ctx.calendar.get(), req.query.date, req.query.days) };
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

  r.delete('/api/calendar/years/:year', {
    config: { permission: 'calendar.write' },
    schema: { tags, summary: '删除某年日历 / remove a year', params: yearParams },
    handler: async (req) => {
      await removeYear(ctx, auditActorOf(actorOf(req)), req.params.year);
      return { ok: true };
    },
  });
}
