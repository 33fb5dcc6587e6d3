import type { CalendarException } from './calendar.js';
import { addDays, dayOfWeek, isIsoDate, type IsoDate } from './dates.js';
import { ScheduleError, type ScheduleProblem, type YearSchedule } from './calendar-import.js';

/**
 * Reads the State Council's yearly notice (国务院办公厅关于20XX年部分节假日安排的通知) as pasted by the
 * system administrator: one numbered item per holiday, e.g.
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 * A sentence with 放假 gives days off (a range "M月D日至[M月]D日" or single days); a sentence with 上班
 * gives 调休 working weekends. Parentheses (weekday, lunar date) are ignored. Anything with a date that
 * cannot be read is an error naming its line: the administrator fixes the text, nothing is guessed.
 */
export interface NoticeItem {
  line: number;
  name: string;
  holidays: IsoDate[];
  workdays: IsoDate[];
}

export interface ParsedNotice extends YearSchedule {
  items: NoticeItem[];
}

const ITEM = /^[一二三四五六七八九十]+[、.．]\s*([^：:]+)[：:](.*)$/;
const DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/g;
const RANGE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:至|到|—|-|~|－)(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/;
const SIGNATURE_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

function normalise(line: string): string {
  return line
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/\s+/g, '')
    .trim();
}

function iso(year: number, month: number, day: number): IsoDate | null {
  const d = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(d) ? d : null;
}

/** The year the notice is about: given, or read from its title ("关于2026年部分节假日安排的通知"). */
export function noticeYear(text: string): number | null {
  const m = /(\d{4})年(?:部分)?(?:节假日|元旦)/.exec(normalise(text.split(/\r?\n/).join('')));
  return m ? Number(m[1]) : null;
}

class LineError extends Error {}

function readDates(sentence: string, year: number): IsoDate[] {
  const out: IsoDate[] = [];
  let month: number | null = null;
  for (const m of sentence.matchAll(DATE)) {
    if (m[2]) month = Number(m[2]);
    if (month === null) throw new LineError(`「${m[0]}」缺少月份`);
    const d = iso(m[1] ? Number(m[1]) : year, month, Number(m[3]));
    if (!d) throw new LineError(`「${m[0]}」不是有效日期`);
    out.push(d);
  }
  return out;
}

function readHolidays(sentence: string, year: number): IsoDate[] {
  const r = RANGE.exec(sentence);
  if (!r) return readDates(sentence.split(/放假/)[0] ?? '', year);
  const y1 = r[1] ? Number(r[1]) : year;
  const from = iso(y1, Number(r[2]), Number(r[3]));
  const to = iso(r[4] ? Number(r[4]) : y1, r[5] ? Number(r[5]) : Number(r[2]), Number(r[6]));
  if (!from || !to) throw new LineError(`「${r[0]}」不是有效日期`);
  if (to < from) throw new LineError(`「${r[0]}」结束日期早于开始日期`);
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  if (out.length > 31) throw new LineError(`「${r[0]}」放假天数不合理`);
  return out;
}

function readItem(body: string, year: number): { holidays: IsoDate[]; workdays: IsoDate[] } {
  const holidays: IsoDate[] = [];
  const workdays: IsoDate[] = [];
  for (const sentence of body.split(/[。；;]/)) {
    const hasDate = DATE.test(sentence);
    DATE.lastIndex = 0;
    if (!hasDate) continue;
    if (sentence.includes('上班')) workdays.push(...readDates(sentence, year));
    else if (sentence.includes('放假')) holidays.push(...readHolidays(sentence, year));
    else throw new LineError(`「${sentence}」既不是放假也不是上班安排`);
  }
  if (holidays.length === 0) throw new LineError('没有找到放假日期');
  for (const d of workdays) {
    const dow = dayOfWeek(d);
    if (dow !== 0 && dow !== 6) throw new LineError(`${d} 不是周末，不能是调休上班日`);
  }
  return { holidays, workdays };
}

/**
 * Parses a pasted notice into the year's exceptions. Days outside the year (a 元旦 starting on 31
 * December) are left to that year's own calendar. Throws ScheduleError naming every unreadable line.
 */
export function parseHolidayNotice(text: string, yearHint?: number): ParsedNotice {
  const year = yearHint ?? noticeYear(text);
  if (year === null)
    throw new ScheduleError([
      {
        where: '年份',
        zh: '无法从通知中读出年份：请粘贴含标题（如“关于2027年部分节假日安排的通知”）的全文，或选择年份',
        en: 'cannot tell the year from the notice: include its title or choose the year',
      },
    ]);
  const problems: ScheduleProblem[] = [];
  const items: NoticeItem[] = [];
  const seen = new Map<IsoDate, { kind: string; line: number }>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = normalise(raw);
    const no = i + 1;
    const shown = raw.trim();
    const where = `第 ${no} 行「${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}」`;
    const fail = (zh: string) =>
      problems.push({ where, zh: `无法识别：${zh}`, en: `line ${no} could not be read: ${zh}` });
    if (!line || SIGNATURE_DATE.test(line)) return;
    const m = ITEM.exec(line);
    if (!m) {
      const hasDate = DATE.test(line);
      DATE.lastIndex = 0;
      if (hasDate && /放假|上班|调休/.test(line)) fail('这一行有放假或上班日期，但不是“一、节日名：……”的格式');
      return;
    }
    const name = (m[1] ?? '').trim();
    try {
      const got = readItem(m[2] ?? '', year);
      const inYear = (d: IsoDate) => d.startsWith(`${year}-`);
      const item = { line: no, name, holidays: got.holidays.filter(inYear), workdays: got.workdays.filter(inYear) };
      for (const [kind, list] of [
        ['holiday', item.holidays],
        ['workday', item.workdays],
      ] as const)
        for (const d of list) {
          const before = seen.get(d);
          if (before && before.kind !== kind) throw new LineError(`${d} 与第 ${before.line} 行的安排冲突`);
          seen.set(d, { kind, line: no });
        }
      items.push(item);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      fail(e.message);
    }
  });
  if (problems.length === 0 && items.length === 0)
    problems.push({
      where: '通知',
      zh: '没有找到任何“一、节日名：……放假”的条目',
      en: 'no numbered holiday items were found',
    });
  if (problems.length) throw new ScheduleError(problems);
  const days: CalendarException[] = [];
  for (const it of items) {
    for (const d of it.holidays) days.push({ date: d, kind: 'holiday', name: it.name });
    for (const d of it.workdays) days.push({ date: d, kind: 'workday', name: it.name });
  }
  const unique = [...new Map(days.map((d) => [d.date, d])).values()].sort((a, b) => a.date.localeCompare(b.date));
  return { year, days: unique, items };
}
