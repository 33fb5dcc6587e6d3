import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseHolidayNotice, noticeYear } from './calendar-notice.js';
import { checkSchedule, ScheduleError } from './calendar-import.js';
import { addDays } from './dates.js';
import { NOTICE_2024, NOTICE_2025, NOTICE_2026 } from '../../test/fixtures/holiday-notices.js';

const require = createRequire(import.meta.url);
const chineseDays = require('chinese-days') as {
  isHoliday(d: string): boolean;
  isInLieu(d: string): boolean;
  getDayDetail(d: string): { work: boolean; name: string };
  getWorkdaysInRange(from: string, to: string, includeWeekends: boolean): string[];
};
const data = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

function problemsOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof ScheduleError) return e.problems;
    throw e;
  }
  throw new Error('expected a ScheduleError');
}

describe('parseHolidayNotice on the real notices, day by day against chinese-days', () => {
  it.each([
    [2024, NOTICE_2024, 28, 8],
    [2025, NOTICE_2025, 28, 5],
    [2026, NOTICE_2026, 33, 6],
  ])('%i: every day of the year has the kind chinese-days gives it', (year, text, holidays, workdays) => {
    const parsed = parseHolidayNotice(text);
    expect(parsed.year).toBe(year);
    expect(checkSchedule(parsed)).toEqual([]);
    const kind = new Map(parsed.days.map((d) => [d.date, d.kind]));
    expect([...kind.values()].filter((k) => k === 'holiday')).toHaveLength(holidays);
    expect([...kind.values()].filter((k) => k === 'workday')).toHaveLength(workdays);
    const working: string[] = [];
    let checked = 0;
    for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
      const expected = d in data.holidays ? 'holiday' : d in data.workdays ? 'workday' : undefined;
      expect(kind.get(d), d).toBe(expected);
      // and the two agree on the question deadlines ask: is it a working day?
      const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
      const isWorking = kind.get(d) === 'holiday' ? false : kind.get(d) === 'workday' ? true : dow !== 0 && dow !== 6;
      expect(isWorking, d).toBe(chineseDays.getDayDetail(d).work);
      if (isWorking) working.push(d);
      checked++;
    }
    expect(checked).toBe(year === 2024 ? 366 : 365);
    // true keeps the 调休 working weekends in chinese-days' list
    expect(working).toEqual(chineseDays.getWorkdaysInRange(`${year}-01-01`, `${year}-12-31`, true));
  });

  it('names each day by its item, and keeps the items with their line numbers for the preview', () => {
    const p = parseHolidayNotice(NOTICE_2026);
    expect(p.items.map((i) => i.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(p.items[1]).toMatchObject({ line: 7, workdays: ['2026-02-14', '2026-02-28'] });
    expect(p.items[1]?.holidays).toHaveLength(9);
    expect(p.days.find((d) => d.date === '2026-02-28')).toEqual({ date: '2026-02-28', kind: 'workday', name: '春节' });
  });

  it('reads the example item on its own, with the year given', () => {
    const p = parseHolidayNotice(
      '二、春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。',
      2026,
    );
    expect(p.days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual(
      Array.from({ length: 9 }, (_, i) => addDays('2026-02-15', i)),
    );
    expect(p.days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2026-02-14', '2026-02-28']);
  });

  it('reads a range across months, full-width digits and a year written out', () => {
    const p = parseHolidayNotice(
      '一、元旦：2026年12月31日至2027年1月2日放假。\n二、春节：２月５日至２月１１日放假调休，共7天。2月13日（周六）上班。',
      2027,
    );
    expect(p.days.map((d) => `${d.date}:${d.kind}`)).toEqual([
      '2027-01-01:holiday',
      '2027-01-02:holiday',
      '2027-02-05:holiday',
      '2027-02-06:holiday',
      '2027-02-07:holiday',
      '2027-02-08:holiday',
      '2027-02-09:holiday',
      '2027-02-10:holiday',
      '2027-02-11:holiday',
      '2027-02-13:workday',
    ]);
  });

  it('finds the year in the title', () => {
    expect(noticeYear(NOTICE_2025)).toBe(2025);
    expect(noticeYear('一、元旦：1月1日放假。')).toBeNull();
  });
});

describe('parseHolidayNotice refuses what it cannot read, naming the line', () => {
  it.each([
    ['一、元旦：1月1日放假。\n二、春节：2月30日至3月2日放假。', 2, '「2月30日至3月2日」不是有效日期'],
    ['一、元旦：1月1日放假。\n二、春节：2月15日至23日放假。2月16日（周一）上班。', 2, '2027-02-16 不是周末'],
    ['一、元旦：1月1日放假。\n春节2月15日至23日放假调休', 2, '不是“一、节日名：……”的格式'],
    ['一、元旦：1月1日放假。\n二、春节：放假调休，共9天。', 2, '没有找到放假日期'],
    ['一、元旦：1月3日至1月1日放假。', 1, '结束日期早于开始日期'],
    ['一、元旦：1月1日至3日放假。\n二、春节：2月15日至23日放假。1月2日（周六）上班。', 2, '与第 1 行的安排冲突'],
    ['一、元旦：1月1日放假。\n二、春节：2月15日调整。', 2, '既不是放假也不是上班安排'],
  ])('%j → line %i: %s', (text, line, reason) => {
    const problems = problemsOf(() => parseHolidayNotice(text, 2027));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.where).toMatch(new RegExp(`^第 ${line} 行「`));
    expect(problems[0]?.zh).toContain(reason);
  });

  it('without a year and without a title it asks for the year', () => {
    expect(problemsOf(() => parseHolidayNotice('一、元旦：1月1日放假。'))[0]?.zh).toContain('无法从通知中读出年份');
  });

  it('text with no holiday item at all is refused', () => {
    expect(
      problemsOf(() => parseHolidayNotice('国务院办公厅关于2027年部分节假日安排的通知\n另行通知。'))[0]?.zh,
    ).toContain('没有找到任何');
  });
});
