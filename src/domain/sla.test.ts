import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.js';
import {
  DEFAULT_SLA,
  dispatchDeadlines,
  dueOn,
  elapsedWorkingDays,
  reminderDate,
  shiftDue,
  stepState,
  type Due,
} from './sla.js';
import { OFFICIAL_2026 } from '../../test/fixtures/official-2026.js';

const cal = buildCalendar([2026], OFFICIAL_2026);
const d = (x: string): Due => dueOn(x);
/** 暂定: counted across 2027, which is not loaded (weekends only). */
const p27 = (x: string): Due => dueOn(x, 2027);

describe('deadlines of a dispatch (签收 1, 答复 5 working days; clock starts at 派单)', () => {
  it.each([
    // dispatched on        sign due       answer due     feedback due  why
    ['2026-11-23', '2026-11-24', '2026-11-30', '2026-11-30', 'an ordinary Monday: the weekend is skipped'],
    [
      '2026-09-29',
      '2026-09-30',
      '2026-10-12',
      '2026-10-12',
      '国庆: 10-01…07 off, the 调休 Saturday 10-10 counts, Sunday 10-11 does not',
    ],
    [
      '2026-09-30',
      '2026-10-08',
      '2026-10-13',
      '2026-10-13',
      'the day before 国庆: signing falls after the whole break',
    ],
    ['2026-09-18', '2026-09-20', '2026-09-24', '2026-09-24', 'Friday: the 国庆 调休 Sunday 09-20 is a working day'],
    [
      '2026-10-03',
      '2026-10-08',
      '2026-10-13',
      '2026-10-13',
      'dispatched during the 国庆 holiday: the clock starts that day, counts from the first working day',
    ],
    ['2026-02-13', '2026-02-14', '2026-02-27', '2026-02-27', '春节: the 调休 Saturday 02-14, then 02-15…23 off'],
    [
      '2026-02-14',
      '2026-02-24',
      '2026-02-28',
      '2026-02-28',
      'dispatched on the 调休 Saturday; answer due on the other 调休 Saturday 02-28',
    ],
    ['2026-02-15', '2026-02-24', '2026-02-28', '2026-02-28', 'dispatched on the first day of 春节'],
    ['2026-12-24', '2026-12-25', '2026-12-31', '2026-12-31', 'the last deadline that 2026 can hold'],
  ])('dispatched %s → sign %s, answer %s, feedback %s (%s)', (on, sign, answer, feedback) => {
    expect(dispatchDeadlines(cal, on, DEFAULT_SLA)).toEqual({
      signDue: d(sign),
      answerDue: d(answer),
      feedbackDue: d(feedback),
    });
  });

  it('a category with its own limits (签收 2, 答复 10, 反馈 1 day after the answer)', () => {
    expect(dispatchDeadlines(cal, '2026-09-28', { signDays: 2, answerDays: 10, feedbackAfterAnswerDays: 1 })).toEqual({
      signDue: d('2026-09-30'),
      answerDue: d('2026-10-16'),
      feedbackDue: d('2026-10-19'),
    });
  });

  it.each([
    [
      '2026-12-28',
      'answer due in 2027',
      { signDue: d('2026-12-29'), answerDue: p27('2027-01-04'), feedbackDue: p27('2027-01-04') },
    ],
    [
      '2026-12-31',
      'even signing falls in 2027',
      { signDue: p27('2027-01-01'), answerDue: p27('2027-01-07'), feedbackDue: p27('2027-01-07') },
    ],
  ])('dispatched %s: %s → provisional (暂定): 2027 counted on weekends only', (on, _why, expected) => {
    expect(dispatchDeadlines(cal, on, DEFAULT_SLA)).toEqual(expected);
  });

  it('once 2027 is loaded the same dispatch gets a real date', () => {
    const with2027 = buildCalendar(
      [2026, 2027],
      [...OFFICIAL_2026, { date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    );
    expect(dispatchDeadlines(with2027, '2026-12-28', DEFAULT_SLA).answerDue).toEqual(d('2027-01-05'));
  });
});

describe('reminders: 预警 one working day before, 催办 the working day after, 通报 5 working days later', () => {
  it.each([
    ['2026-11-30', '2026-11-27', '2026-12-01', '2026-12-08'],
    ['2026-10-12', '2026-10-10', '2026-10-13', '2026-10-20'],
    ['2026-10-08', '2026-09-30', '2026-10-09', '2026-10-15'],
    ['2026-09-24', '2026-09-23', '2026-09-28', '2026-10-10'],
    ['2026-02-27', '2026-02-26', '2026-02-28', '2026-03-06'],
    ['2026-02-24', '2026-02-14', '2026-02-25', '2026-03-03'],
    ['2026-02-28', '2026-02-27', '2026-03-02', '2026-03-09'],
  ])('due %s → warning %s, 催办 %s, 通报 %s', (due, warning, urge, report) => {
    expect(reminderDate(cal, d(due), 'warning')).toEqual(d(warning));
    expect(reminderDate(cal, d(due), 'urge')).toEqual(d(urge));
    expect(reminderDate(cal, d(due), 'report')).toEqual(d(report));
  });

  it('a reminder that falls in 2027 is provisional, on weekends only', () => {
    expect(reminderDate(cal, d('2026-12-31'), 'urge')).toEqual(p27('2027-01-01'));
    expect(reminderDate(cal, d('2026-12-25'), 'report')).toEqual(p27('2027-01-04'));
    expect(reminderDate(cal, p27('2027-01-07'), 'warning')).toEqual(p27('2027-01-06'));
    // counted from a provisional date, a result back in 2026 stays provisional
    expect(reminderDate(cal, p27('2027-01-01'), 'warning')).toEqual(p27('2026-12-31'));
  });
});

describe('extensions (延期) add working days to the deadline in force', () => {
  it.each([
    ['2026-10-12', 3, '2026-10-15'],
    ['2026-09-29', 2, '2026-10-08'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-12-30', 2, '2027-01-01'],
  ])('%s + %i working days → %s', (due, days, expected) => {
    expect(shiftDue(cal, d(due), days)).toEqual(expected < '2027' ? d(expected) : p27(expected));
  });
});

describe('stepState on a given day', () => {
  it.each([
    [
      '2026-10-12',
      null,
      '2026-10-09',
      'open',
      'Friday: the next working day is the 调休 Saturday, before the deadline',
    ],
    ['2026-10-12', null, '2026-10-10', 'due_soon', 'the 调休 Saturday is the warning day'],
    ['2026-10-12', null, '2026-10-11', 'due_soon', 'Sunday before a Monday deadline'],
    ['2026-10-12', null, '2026-10-12', 'due_soon', 'due today'],
    ['2026-10-12', null, '2026-10-13', 'overdue', 'the day after'],
    ['2026-10-12', '2026-10-12', '2026-10-20', 'done_on_time', 'done on the day'],
    ['2026-10-12', '2026-10-13', '2026-10-20', 'done_late', 'done a day late'],
    ['2027-01-04', null, '2026-12-01', 'open', 'provisional, still weeks away'],
    ['2027-01-04', '2026-12-30', '2027-01-02', 'done_on_time', 'done before the provisional date'],
    ['2027-01-04', null, '2026-12-31', 'open', 'the provisional 2027-01-01 comes first'],
    ['2027-01-04', null, '2027-01-01', 'due_soon', 'the next working day is the deadline'],
  ])('due %s, done %s, today %s → %s (%s)', (due, done, today, expected, _why) => {
    expect(stepState(cal, due < '2027' ? d(due) : p27(due), done, today)).toBe(expected);
  });
});

describe('elapsedWorkingDays', () => {
  it('counts working days after the start (国庆 not counted), weekends only across a missing year', () => {
    expect(elapsedWorkingDays(cal, '2026-09-29', '2026-10-12')).toBe(5);
    expect(elapsedWorkingDays(cal, '2026-02-13', '2026-02-24')).toBe(2);
    expect(elapsedWorkingDays(cal, '2026-12-28', '2027-01-04')).toBe(5);
  });
});
