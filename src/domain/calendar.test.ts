import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  buildCalendar,
  provisionalYear,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
  workingDaysElapsed,
} from './calendar.js';
import { OFFICIAL_2026 } from '../../test/fixtures/official-2026.js';

const cal = buildCalendar([2026], OFFICIAL_2026);

describe('isWorkingDay — 2026 official schedule', () => {
  it.each([
    ['2026-01-01', false, '元旦'],
    ['2026-01-02', false, '元旦 (Friday off)'],
    ['2026-01-04', true, '元旦调休 Sunday worked'],
    ['2026-01-05', true, 'ordinary Monday'],
    ['2026-02-13', true, 'Friday before 春节'],
    ['2026-02-14', true, '春节调休 Saturday worked'],
    ['2026-02-15', false, '春节 first day (Sunday)'],
    ['2026-02-17', false, '春节 (Tuesday)'],
    ['2026-02-23', false, '春节 last day (Monday)'],
    ['2026-02-24', true, 'back to work'],
    ['2026-02-28', true, '春节调休 Saturday worked'],
    ['2026-03-01', false, 'ordinary Sunday'],
    ['2026-04-06', false, '清明 Monday'],
    ['2026-05-05', false, '劳动节 Tuesday'],
    ['2026-05-09', true, '劳动节调休 Saturday worked'],
    ['2026-06-19', false, '端午 Friday'],
    ['2026-09-20', true, '国庆调休 Sunday worked'],
    ['2026-09-25', false, '中秋 Friday'],
    ['2026-10-01', false, '国庆 Thursday'],
    ['2026-10-07', false, '国庆 last day (Wednesday)'],
    ['2026-10-08', true, 'Thursday after 国庆'],
    ['2026-10-10', true, '国庆调休 Saturday worked'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-12-31', true, 'ordinary Thursday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });
});

describe('workingDaysBetween (both ends included)', () => {
  it.each([
    // 261 weekdays − 19 weekday holidays (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5) + 6 调休 days
    ['2026-01-01', '2026-12-31', 248],
    // 22 weekdays − 5 weekday holidays + the 调休 Saturday 10 Oct
    ['2026-10-01', '2026-10-31', 18],
    // 22 weekdays + Sunday 20 Sep worked − Friday 25 Sep (中秋) off
    ['2026-09-01', '2026-09-30', 22],
    // 20 weekdays − 6 weekday holidays + Saturdays 14 and 28 Feb worked
    ['2026-02-01', '2026-02-28', 16],
    ['2026-10-01', '2026-10-07', 0],
    // Thursday, Friday and the 调休 Saturday
    ['2026-10-08', '2026-10-10', 3],
    // 1–5 May off; 6, 7, 8 May and the 调休 Saturday 9 May
    ['2026-05-01', '2026-05-10', 4],
    ['2026-03-02', '2026-03-02', 1],
    ['2026-03-01', '2026-03-01', 0],
    ['2026-03-05', '2026-03-02', 0],
  ])('%s … %s = %i', (from, to, expected) => {
    expect(workingDaysBetween(cal, from, to)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-09-30', 1, '2026-10-08', 'Wednesday before 国庆 + 1 → Thursday after'],
    ['2026-09-29', 4, '2026-10-10', 'Tue + 4 crosses 国庆 and lands on the 调休 Saturday'],
    ['2026-09-29', 5, '2026-10-12', 'Tue + 5 skips Sunday 11 Oct'],
    ['2026-09-18', 1, '2026-09-20', 'Friday + 1 → the 调休 Sunday'],
    ['2026-02-13', 1, '2026-02-14', 'Friday + 1 → the 调休 Saturday before 春节'],
    ['2026-02-14', 1, '2026-02-24', 'across the whole 春节 break'],
    ['2026-02-14', 5, '2026-02-28', 'five days after the break ends on the 调休 Saturday'],
    ['2026-10-01', 0, '2026-10-01', 'zero days is the date itself'],
    ['2026-10-08', -1, '2026-09-30', 'negative steps backwards over 国庆'],
    ['2026-12-24', 5, '2026-12-31', 'within the year'],
  ])('%s + %i → %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(cal, date, n)).toBe(expected);
  });

  it('counts a year without data on weekends only, and names it as the provisional year', () => {
    // 2027-01-01 is a Friday: without the 2027 schedule it counts as a working day (暂定).
    expect(addWorkingDays(cal, '2026-12-30', 5)).toBe('2027-01-06');
    expect(isWorkingDay(cal, '2027-01-01')).toBe(true);
    expect(isWorkingDay(cal, '2027-01-02')).toBe(false);
    expect(workingDaysBetween(cal, '2026-12-28', '2027-01-10')).toBe(10);
    expect(provisionalYear(cal, '2026-12-30', '2027-01-06')).toBe(2027);
    expect(provisionalYear(cal, '2027-01-06', '2026-12-30')).toBe(2027);
    expect(provisionalYear(cal, '2026-12-01', '2026-12-31')).toBeNull();
  });
});

describe('workingDaysElapsed and nextWorkingDay', () => {
  it('counts the duration of a step, not the start day', () => {
    // 29 and 30 Sep, 8 and 9 Oct
    expect(workingDaysElapsed(cal, '2026-09-28', '2026-10-09')).toBe(4);
    expect(workingDaysElapsed(cal, '2026-10-09', '2026-09-28')).toBe(-4);
    expect(workingDaysElapsed(cal, '2026-10-09', '2026-10-09')).toBe(0);
  });
  it('skips holidays to the next working day', () => {
    expect(nextWorkingDay(cal, '2026-10-03')).toBe('2026-10-08');
    expect(nextWorkingDay(cal, '2026-10-09')).toBe('2026-10-09');
  });
});
