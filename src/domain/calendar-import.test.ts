import { describe, expect, it } from 'vitest';
import { checkSchedule, parseScheduleCsv, parseScheduleJson, ScheduleError } from './calendar-import.js';

describe('calendar file import', () => {
  it('reads the days format', () => {
    const s = parseScheduleJson('{"year":2027,"days":[{"date":"2027-01-01","kind":"holiday","name":"元旦"}]}');
    expect(s).toEqual({ year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    expect(checkSchedule(s)).toEqual([]);
  });

  it('reads the chinese-days map format and infers the year', () => {
    const s = parseScheduleJson(
      '{"holidays":{"2027-10-01":"National Day,国庆节,3"},"workdays":{"2027-10-09":"国庆节"}}',
    );
    expect(s.year).toBe(2027);
    expect(s.days).toContainEqual({ date: '2027-10-01', kind: 'holiday', name: '国庆节' });
    expect(s.days).toContainEqual({ date: '2027-10-09', kind: 'workday', name: '国庆节' });
  });

  it('reads CSV with Chinese kind words and a BOM', () => {
    const s = parseScheduleCsv('\uFEFFdate,kind,name\n2027-02-06,休,春节\n2027-02-20,班,春节\n');
    expect(s.year).toBe(2027);
    expect(s.days.map((d) => d.kind)).toEqual(['holiday', 'workday']);
  });

  it('names the CSV line with a bad kind', () => {
    expect(() => parseScheduleCsv('date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,maybe,x')).toThrow(
      ScheduleError,
    );
    try {
      parseScheduleCsv('date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,maybe,x');
    } catch (e) {
      expect((e as ScheduleError).problems[0]?.where).toContain('第 3 行');
    }
  });

  it('reports every problem of a schedule at once', () => {
    const problems = checkSchedule({
      year: 2027,
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2026-12-31', kind: 'holiday', name: '元旦' },
        { date: '2027-01-05', kind: 'workday', name: '元旦' },
        { date: '2027-02-30', kind: 'holiday', name: '春节' },
      ],
    });
    expect(problems.map((p) => p.en)).toEqual([
      'date appears twice',
      'date is not in 2027',
      'a make-up working day must be a Saturday or Sunday',
      'date must be YYYY-MM-DD',
    ]);
  });
});
