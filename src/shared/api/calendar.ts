import { z } from 'zod';
import type { ApiTable } from './contract.js';
import { isoDate, withDateOrder } from '../input.js';

/** 工作日历: the request and response contract of /api/calendar (server validates, web infers). */
const dayKind = z.enum(['holiday', 'workday']);

export const dayItem = z.object({
  date: isoDate,
  kind: dayKind,
  name: z.string().trim().min(1).max(32),
});
export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const workingDaysQuery = withDateOrder(z.object({ from: isoDate, to: isoDate }));
export const workingDaysResponse = z.object({ count: z.number().int(), provisionalYear: z.number().int().nullable() });
export const addWorkingDaysQuery = z.object({ date: isoDate, days: z.coerce.number().int().min(-3660).max(3660) });
export const addWorkingDaysResponse = z.object({ date: z.string(), provisionalYear: z.number().int().nullable() });

export const yearInfo = z.object({
  year: z.number().int(),
  source: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  holidays: z.number().int(),
  workdays: z.number().int(),
});
export const yearList = z.object({ data: z.array(yearInfo) });

/** One exception of a year: a holiday on a weekday or a 调休 working weekend. */
export const dayException = z.object({ date: z.string(), kind: dayKind, name: z.string() });
export const yearDetail = z.object({
  year: z.number().int(),
  source: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  days: z.array(dayException),
});

export const saveYearBody = z.object({
  note: z.string().max(200).nullable().optional(),
  days: z.array(dayItem).max(366),
});
export const importBody = z.object({
  format: z.enum(['json', 'csv']),
  content: z.string().min(1).max(200_000),
  year: z.number().int().min(2000).max(2100).optional(),
});
export const importResponse = z.object({ ok: z.literal(true), year: z.number().int(), days: z.number().int() });

export const noticeBody = z.object({
  text: z.string().trim().min(1, '请粘贴通知全文').max(20_000),
  year: z.number().int().min(2000).max(2100).optional(),
});
export const noticePreview = z.object({
  year: z.number().int(),
  loaded: z.boolean(),
  days: z.array(dayException),
  items: z.array(
    z.object({
      line: z.number().int(),
      name: z.string(),
      holidays: z.array(z.string()),
      workdays: z.array(z.string()),
    }),
  ),
});
/** What each module recomputed when the year was loaded (provisional deadlines moved). */
export const calendarRecompute = z.record(
  z.string(),
  z.object({ items: z.number().int(), moved: z.array(z.number().int()) }),
);
export const noticeLoaded = z.object({
  ok: z.literal(true),
  year: z.number().int(),
  days: z.number().int(),
  recomputed: calendarRecompute,
});
export const calendarOk = z.object({ ok: z.literal(true) });

export const calendarApi = {
  'GET /api/calendar/working-days': { query: workingDaysQuery, response: workingDaysResponse },
  'GET /api/calendar/add-working-days': { query: addWorkingDaysQuery, response: addWorkingDaysResponse },
  'GET /api/calendar/years': { response: yearList },
  'GET /api/calendar/years/:year': { params: yearParams, response: yearDetail },
  'PUT /api/calendar/years/:year': { params: yearParams, body: saveYearBody, response: calendarOk },
  'POST /api/calendar/import': { body: importBody, response: importResponse },
  'POST /api/calendar/notice/preview': { body: noticeBody, response: noticePreview },
  'POST /api/calendar/notice': { body: noticeBody, response: noticeLoaded },
  'DELETE /api/calendar/years/:year': { params: yearParams, response: calendarOk },
} satisfies ApiTable;

export type YearInfo = z.infer<typeof yearInfo>;
export type YearList = z.infer<typeof yearList>;
export type YearDetail = z.infer<typeof yearDetail>;
export type DayExceptionView = z.infer<typeof dayException>;
export type NoticePreview = z.infer<typeof noticePreview>;
export type NoticeLoaded = z.infer<typeof noticeLoaded>;
export type ImportResult = z.infer<typeof importResponse>;
export type WorkingDays = z.infer<typeof workingDaysResponse>;
export type AddWorkingDays = z.infer<typeof addWorkingDaysResponse>;
