import { describe, expect, it } from 'vitest';
import {
  addMonths,
  earlyStep,
  pipelineView,
  probationEnd,
  refuseStep,
  stageOf,
  type PipelineDates,
} from './pipeline.js';
import { flowWarning } from './flow.js';

describe('addMonths', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-15', 12, '2026-03-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-06-10', 18, '2026-12-10'],
  ])('%s + %i months = %s', (d, n, want) => expect(addMonths(d, n)).toBe(want));
});

describe('pipelineView', () => {
  it.each<[string, PipelineDates, string, string | null, string | null, string | null, string | null, string[]]>([
    // name, dates, today, stage, next key, next due, next status, warnings
    ['talk not yet due', { appliedOn: '2026-03-10' }, '2026-03-12', 'applicant', 'talk', '2026-04-10', 'waiting', []],
    ['talk due soon', { appliedOn: '2026-03-10' }, '2026-04-01', 'applicant', 'talk', '2026-04-10', 'due_soon', []],
    ['talk overdue', { appliedOn: '2026-03-10' }, '2026-04-11', 'applicant', 'talk', '2026-04-10', 'overdue', []],
    [
      'talk done late warns',
      { appliedOn: '2026-03-10', talkedOn: '2026-05-01' },
      '2026-05-02',
      'applicant',
      null,
      null,
      null,
      ['talk_late'],
    ],
    [
      'activist waits a year',
      { appliedOn: '2025-01-01', activistOn: '2025-03-01' },
      '2025-10-01',
      'activist',
      'candidate',
      '2026-03-01',
      'waiting',
      [],
    ],
    [
      'activist ready after a year',
      { appliedOn: '2025-01-01', activistOn: '2025-03-01' },
      '2026-03-01',
      'activist',
      'candidate',
      '2026-03-01',
      'ready',
      [],
    ],
    [
      'candidate too early warns',
      { appliedOn: '2025-01-01', activistOn: '2025-03-01', candidateOn: '2025-12-01' },
      '2026-01-01',
      'candidate',
      null,
      null,
      null,
      ['activist_short'],
    ],
    [
      'probation one year',
      { appliedOn: '2024-01-01', activistOn: '2024-02-01', candidateOn: '2025-03-01', admittedOn: '2025-06-30' },
      '2026-06-20',
      'probationary',
      'full',
      '2026-06-30',
      'due_soon',
      [],
    ],
    [
      'probation overdue',
      { appliedOn: '2024-01-01', activistOn: '2024-02-01', candidateOn: '2025-03-01', admittedOn: '2025-06-30' },
      '2026-07-01',
      'probationary',
      'full',
      '2026-06-30',
      'overdue',
      [],
    ],
    [
      'extended probation moves the due date',
      {
        appliedOn: '2024-01-01',
        activistOn: '2024-02-01',
        candidateOn: '2025-03-01',
        admittedOn: '2025-06-30',
        extensionMonths: 6,
      },
      '2026-07-01',
      'probationary',
      'full',
      '2026-12-30',
      'waiting',
      [],
    ],
    [
      'extended by 12 months',
      {
        appliedOn: '2024-01-01',
        activistOn: '2024-02-01',
        candidateOn: '2025-03-01',
        admittedOn: '2025-02-28',
        extensionMonths: 12,
      },
      '2027-02-27',
      'probationary',
      'full',
      '2027-02-28',
      'due_soon',
      [],
    ],
    [
      'full member late',
      {
        appliedOn: '2024-01-01',
        activistOn: '2024-02-01',
        candidateOn: '2025-03-01',
        admittedOn: '2025-06-30',
        fullOn: '2026-08-01',
      },
      '2026-09-01',
      'full',
      null,
      null,
      null,
      ['full_late'],
    ],
  ])('%s', (_name, dates, today, stage, key, due, status, warnings) => {
    const v = pipelineView(dates, today);
    expect(v.stage).toBe(stage);
    expect(v.next?.key ?? null).toBe(key);
    expect(v.next?.dueOn ?? null).toBe(due);
    expect(v.next?.status ?? null).toBe(status);
    expect(v.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it('explains the extended due date in words', () => {
    const v = pipelineView({ admittedOn: '2025-06-30', candidateOn: '2025-01-01', extensionMonths: 6 }, '2026-01-01');
    expect(v.next?.text.zh).toBe('2025-06-30接收为预备党员，预备期一年，已延长预备期6个月，应于2026-12-30讨论转正');
    expect(probationEnd({ admittedOn: '2025-06-30', extensionMonths: 6 })).toBe('2026-12-30');
    expect(stageOf({})).toBeNull();
  });
});

describe('refuseStep', () => {
  const probation: PipelineDates = {
    appliedOn: '2024-01-01',
    activistOn: '2024-02-01',
    candidateOn: '2025-03-01',
    admittedOn: '2025-06-30',
  };
  it.each<[string, PipelineDates, Parameters<typeof refuseStep>[1], string, number | undefined, string | null]>([
    ['apply first', {}, 'apply', '2026-01-01', undefined, null],
    ['activist without application', {}, 'activist', '2026-01-01', undefined, '请先登记上一步'],
    [
      'date before previous step',
      { appliedOn: '2026-02-01' },
      'activist',
      '2026-01-01',
      undefined,
      '日期不能早于上一步（2026-02-01）',
    ],
    ['late talk is not refused', { appliedOn: '2026-01-01' }, 'talk', '2026-06-01', undefined, null],
    [
      'early candidate is not refused',
      { appliedOn: '2025-01-01', activistOn: '2025-03-01' },
      'candidate',
      '2025-04-01',
      undefined,
      null,
    ],
    ['extend 6 months', probation, 'extend', '2026-06-01', 6, null],
    ['extend 5 months refused', probation, 'extend', '2026-06-01', 5, '延长期限：应为6至12个月'],
    ['extend 13 months refused', probation, 'extend', '2026-06-01', 13, '延长期限：应为6至12个月'],
    ['second extension refused', { ...probation, extensionMonths: 6 }, 'extend', '2026-06-01', 6, '预备期只能延长一次'],
    ['step twice refused', probation, 'admit', '2026-06-01', undefined, '该步骤已登记'],
    [
      'extend after full refused',
      { ...probation, fullOn: '2026-07-01' },
      'extend',
      '2026-07-02',
      6,
      '已转为正式党员，不能延长预备期',
    ],
  ])('%s', (_n, r, step, on, ext, want) => expect(refuseStep(r, step, on, ext)?.zh ?? null).toBe(want));
});

describe('earlyStep', () => {
  const base: PipelineDates = { appliedOn: '2024-01-02', activistOn: '2024-03-31', candidateOn: '2025-04-01' };
  it.each<[string, PipelineDates, 'candidate' | 'full' | 'admit', string, string | null, string | null]>([
    // name, dates, step, on, code, earliest
    ['candidate a day short of a year', base, 'candidate', '2025-03-30', 'candidate_early', '2025-03-31'],
    ['candidate on the anniversary', base, 'candidate', '2025-03-31', null, null],
    [
      'full a day before probation ends',
      { ...base, admittedOn: '2025-05-31' },
      'full',
      '2026-05-30',
      'full_early',
      '2026-05-31',
    ],
    ['full on the day probation ends', { ...base, admittedOn: '2025-05-31' }, 'full', '2026-05-31', null, null],
    [
      'full before an extended probation ends',
      { ...base, admittedOn: '2025-05-31', extensionMonths: 6 },
      'full',
      '2026-06-01',
      'full_early',
      '2026-11-30',
    ],
    ['admission is never early', { ...base }, 'admit', '2025-04-02', null, null],
  ])('%s', (_n, dates, step, on, code, earliest) => {
    const e = earlyStep(dates, step, on);
    expect(e?.code ?? null).toBe(code);
    expect(e?.earliest ?? null).toBe(earliest);
    if (e) expect(e.text.zh).toContain(on);
  });
});

describe('flowWarning', () => {
  it.each([
    ['none', null, false, '2026-01-01', null],
    ['out', '2026-01-10', false, '2026-03-01', 'certificate_needed'],
    ['out', '2026-01-10', true, '2026-03-01', null],
    ['out', '2026-01-10', true, '2026-07-10', 'transfer_due'],
    ['in', '2026-01-10', false, '2026-07-09', 'certificate_needed'],
  ] as const)('%s since %s cert=%s on %s → %s', (flow, since, cert, today, want) =>
    expect(flowWarning(flow, since, cert, today)?.code ?? null).toBe(want),
  );
});
