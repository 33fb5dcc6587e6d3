import type { CalendarException, DayKind } from './calendar.js';
import { dayOfWeek, isIsoDate, yearOf } from './dates.js';

/**
 * Parsing and checking a year's schedule loaded from a file (JSON or CSV) or edited in the UI.
 * Every problem is reported with where it is, so the administrator can fix the file in one pass.
 */
export interface YearSchedule {
  year: number;
  days: CalendarException[];
}

export interface ScheduleProblem {
  where: string;
  zh: string;
  en: string;
}

export class ScheduleError extends Error {
  constructor(readonly problems: ScheduleProblem[]) {
    super(problems.map((p) => `${p.where}: ${p.en}`).join('; '));
  }
}

const KIND_WORDS: Record<string, DayKind> = {
  holiday: 'holiday',
  休: 'holiday',
  假: 'holiday',
  放假: 'holiday',
  节假日: 'holiday',
  workday: 'workday',
  班: 'workday',
  上班: 'workday',
  调休: 'workday',
  调休上班: 'workday',
};

export function parseKind(word: string): DayKind | undefined {
  return KIND_WORDS[word.trim().toLowerCase()] ?? KIND_WORDS[word.trim()];
}

/** Checks a schedule: dates valid and inside the year, no date twice, 调休 working days on weekends. */
export function checkSchedule(schedule: YearSchedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const seen = new Set<string>();
  if (!Number.isInteger(schedule.year) || schedule.year < 2000 || schedule.year > 2100)
    problems.push({ where: 'year', zh: `年份 ${schedule.year} 不正确`, en: `year ${schedule.year} is not valid` });
  schedule.days.forEach((d, i) => {
    const where = `#${i + 1} ${d.date}`;
    if (!isIsoDate(d.date)) {
      problems.push({ where, zh: '日期格式应为 YYYY-MM-DD', en: 'date must be YYYY-MM-DD' });
      return;
    }
    if (yearOf(d.date) !== schedule.year)
      problems.push({ where, zh: `日期不在 ${schedule.year} 年内`, en: `date is not in ${schedule.year}` });
    if (seen.has(d.date)) problems.push({ where, zh: '日期重复', en: 'date appears twice' });
    seen.add(d.date);
    const dow = dayOfWeek(d.date);
    if (d.kind === 'workday' && dow !== 0 && dow !== 6)
      problems.push({
        where,
        zh: '调休上班日应为周六或周日',
        en: 'a make-up working day must be a Saturday or Sunday',
      });
    if (!d.name.trim()) problems.push({ where, zh: '缺少节日名称', en: 'name is missing' });
  });
  if (schedule.days.filter((d) => d.kind === 'holiday').length === 0)
    problems.push({
      where: 'days',
      zh: '没有任何法定节假日：请确认文件内容',
      en: 'no public holidays at all: check the file',
    });
  return problems;
}

/**
 * JSON: `{ "year": 2027, "days": [{ "date": "2027-01-01", "kind": "holiday", "name": "元旦" }] }`,
 * or `{ "year": 2027, "holidays": {...date: name}, "workdays": {...} }` (chinese-days style).
 */
export function parseScheduleJson(text: string, yearHint?: number): YearSchedule {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ScheduleError([
      { where: 'file', zh: `不是有效的 JSON：${(e as Error).message}`, en: `not valid JSON: ${(e as Error).message}` },
    ]);
  }
  const obj = (raw ?? {}) as Record<string, unknown>;
  const days: CalendarException[] = [];
  const problems: ScheduleProblem[] = [];
  if (Array.isArray(obj.days)) {
    obj.days.forEach((d: unknown, i) => {
      const r = (d ?? {}) as Record<string, unknown>;
      const kind = typeof r.kind === 'string' ? parseKind(r.kind) : undefined;
      if (typeof r.date !== 'string' || !kind) {
        problems.push({
          where: `days[${i}]`,
          zh: '需要 date 和 kind（holiday/workday）',
          en: 'needs date and kind (holiday/workday)',
        });
        return;
      }
      days.push({ date: r.date, kind, name: typeof r.name === 'string' ? r.name : '' });
    });
  } else {
    for (const [key, kind] of [
      ['holidays', 'holiday'],
      ['workdays', 'workday'],
    ] as const) {
      const m = obj[key];
      if (m && typeof m === 'object')
        for (const [date, name] of Object.entries(m as Record<string, unknown>))
          days.push({
            date,
            kind,
            name: String(name).includes(',') ? (String(name).split(',')[1] ?? '') : String(name),
          });
    }
  }
  if (problems.length) throw new ScheduleError(problems);
  const year = typeof obj.year === 'number' ? obj.year : (yearHint ?? inferYear(days));
  return { year, days };
}

/** CSV with a header row: `date,kind,name` (kind: holiday/workday or 休/班). */
export function parseScheduleCsv(text: string, yearHint?: number): YearSchedule {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const problems: ScheduleProblem[] = [];
  const days: CalendarException[] = [];
  const header = (lines[0] ?? '')
    .toLowerCase()
    .split(',')
    .map((h) => h.trim());
  const hasHeader = header.includes('date') || header.includes('日期');
  lines.slice(hasHeader ? 1 : 0).forEach((line, i) => {
    const [date = '', kindWord = '', ...rest] = line.split(',').map((c) => c.trim());
    const kind = parseKind(kindWord);
    const rowNo = i + (hasHeader ? 2 : 1);
    if (!kind) {
      problems.push({
        where: `第 ${rowNo} 行 / line ${rowNo}`,
        zh: `类型「${kindWord}」应为 holiday/workday 或 休/班`,
        en: `kind "${kindWord}" must be holiday/workday`,
      });
      return;
    }
    days.push({ date, kind, name: rest.join(',') });
  });
  if (problems.length) throw new ScheduleError(problems);
  return { year: yearHint ?? inferYear(days), days };
}

function inferYear(days: CalendarException[]): number {
  const years = new Set(days.map((d) => yearOf(d.date)));
  if (years.size !== 1)
    throw new ScheduleError([
      { where: 'year', zh: '无法确定年份：请指定年份', en: 'cannot tell the year: give it explicitly' },
    ]);
  return [...years][0] as number;
}
