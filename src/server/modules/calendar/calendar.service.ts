import type { AppContext } from '../../context.js';
import type { AuditActor } from '../../actor.js';
import { invalid, notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { checkSchedule, ScheduleError, type YearSchedule } from '../../../domain/calendar-import.js';
import { deleteYear, findYear, listYears, loadCalendar, replaceYearDays, yearDays } from './calendar.repository.js';
import { emitEvent, type CalendarRecompute } from '../../events.js';
import { chinaDate } from '../../../domain/dates.js';
import { parseHolidayNotice, type ParsedNotice } from '../../../domain/calendar-notice.js';
import { parseScheduleCsv, parseScheduleJson } from '../../../domain/calendar-import.js';
import type {
  AddWorkingDays,
  ImportResult,
  NoticeLoaded,
  NoticePreview,
  WorkingDays,
  YearDetail,
  YearList,
} from '../../../shared/api/calendar.js';
import { addWorkingDays, provisionalYear, workingDaysBetween } from '../../../domain/calendar.js';
import type { IsoDate } from '../../../domain/dates.js';

function scheduleInvalid(problems: Array<{ where: string; zh: string; en: string }>) {
  return invalid(
    {
      zh: `日历数据有 ${problems.length} 处问题：${problems.map((p) => `${p.where} ${p.zh}`).join('；')}`,
      en: problems.map((p) => `${p.where}: ${p.en}`).join('; '),
    },
    { problems },
  );
}

/**
 * Loads or replaces a year's official schedule (UI edit, pasted notice, file import or CLI). Checked
 * as a whole first: a schedule with any problem changes nothing. In the same transaction every
 * provisional (暂定) deadline is recomputed with the new calendar (calendar.yearLoaded), the people
 * whose dates moved are notified, and one audit row records the schedule and what was recomputed.
 */
export async function saveYearSchedule(
  ctx: AppContext,
  who: AuditActor,
  schedule: YearSchedule,
  source: string,
  note: string | null = null,
): Promise<CalendarRecompute> {
  const problems = checkSchedule(schedule);
  if (problems.length) throw scheduleInvalid(problems);
  const now = ctx.clock.now();
  const recomputed: CalendarRecompute = {};
  await ctx.db.transaction(async (tx) => {
    const before = (await findYear(tx, schedule.year)) ? await yearDays(tx, schedule.year) : null;
    await replaceYearDays(tx, schedule.year, schedule.days, { source, note, at: now, by: who.userId });
    const calendar = await loadCalendar(tx);
    await emitEvent(tx, ctx, who, 'calendar.yearLoaded', {
      year: schedule.year,
      calendar,
      today: chinaDate(now),
      recomputed,
      replaced: before !== null,
    });
    await recordAudit(
      tx,
      who,
      {
        entity: 'calendar',
        entityId: schedule.year,
        action: 'replace_year',
        before: before && { days: before },
        after: { source, days: schedule.days, recomputed },
      },
      now,
    );
  });
  ctx.calendar.invalidate();
  return recomputed;
}

export async function removeYear(ctx: AppContext, who: AuditActor, year: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await findYear(tx, year))) throw notFound({ zh: `${year} 年工作日历`, en: `Calendar ${year}` });
    const before = await yearDays(tx, year);
    await deleteYear(tx, year);
    await recordAudit(
      tx,
      who,
      { entity: 'calendar', entityId: year, action: 'delete_year', before: { days: before } },
      now,
    );
  });
  ctx.calendar.invalidate();
}

export function rethrowSchedule(e: unknown): never {
  if (e instanceof ScheduleError) throw scheduleInvalid(e.problems);
  throw e;
}

/** A pasted notice that could not be read: 400 naming each line, e.g. "第 5 行「…」无法识别：…". */
export function rethrowNotice(e: unknown): never {
  if (e instanceof ScheduleError)
    throw invalid(
      {
        zh: `通知有 ${e.problems.length} 处无法读取：${e.problems.map((p) => `${p.where}${p.zh}`).join('；')}`,
        en: `The notice could not be read: ${e.problems.map((p) => p.en).join('; ')}`,
      },
      { problems: e.problems },
    );
  throw e;
}

/** A year's exceptions, or 404. */
export async function getYear(ctx: AppContext, year: number): Promise<YearDetail> {
  const y = await findYear(ctx.db, year);
  if (!y) throw notFound({ zh: `${year} 年工作日历`, en: `Calendar ${year}` });
  return {
    year: y.year,
    source: y.source,
    note: y.note,
    updatedAt: y.updatedAt.toISOString(),
    days: await yearDays(ctx.db, y.year),
  };
}

/** Loads a year from an uploaded JSON or CSV file. */
export async function importSchedule(
  ctx: AppContext,
  who: AuditActor,
  input: { format: 'json' | 'csv'; content: string; year?: number | undefined },
): Promise<ImportResult> {
  let schedule: YearSchedule;
  try {
    schedule =
      input.format === 'json'
        ? parseScheduleJson(input.content, input.year)
        : parseScheduleCsv(input.content, input.year);
  } catch (e) {
    rethrowSchedule(e);
  }
  await saveYearSchedule(ctx, who, schedule, `import:${input.format}`);
  return { ok: true, year: schedule.year, days: schedule.days.length };
}

interface NoticeInput {
  text: string;
  year?: number | undefined;
}

function readNotice(input: NoticeInput): ParsedNotice {
  try {
    return parseHolidayNotice(input.text, input.year);
  } catch (e) {
    rethrowNotice(e);
  }
}

/** What a pasted State Council notice says (nothing is saved). */
export async function previewNotice(ctx: AppContext, input: NoticeInput): Promise<NoticePreview> {
  const n = readNotice(input);
  return { year: n.year, loaded: Boolean(await findYear(ctx.db, n.year)), days: n.days, items: n.items };
}

/** Loads the year of a pasted notice and recomputes every provisional deadline. */
export async function loadNotice(ctx: AppContext, who: AuditActor, input: NoticeInput): Promise<NoticeLoaded> {
  const n = readNotice(input);
  const recomputed = await saveYearSchedule(ctx, who, { year: n.year, days: n.days }, 'notice');
  return { ok: true, year: n.year, days: n.days.length, recomputed };
}

/** Working days from `from` to `to`, both ends included, and the first year in it not yet loaded. */
export async function countWorkingDays(ctx: AppContext, from: IsoDate, to: IsoDate): Promise<WorkingDays> {
  const cal = await ctx.calendar.get();
  return { count: workingDaysBetween(cal, from, to), provisionalYear: provisionalYear(cal, from, to) };
}

/** The `days`-th working day after `date` (before it when negative). */
export async function nthWorkingDay(ctx: AppContext, date: IsoDate, days: number): Promise<AddWorkingDays> {
  const cal = await ctx.calendar.get();
  const to = addWorkingDays(cal, date, days);
  return { date: to, provisionalYear: provisionalYear(cal, date, to) };
}

/** The loaded years with their counts of holidays and 调休 working days. */
export async function listCalendarYears(ctx: AppContext): Promise<YearList> {
  return { data: (await listYears(ctx.db)).map((y) => ({ ...y, updatedAt: y.updatedAt.toISOString() })) };
}
