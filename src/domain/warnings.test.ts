import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.js';
import {
  checkWarningRules,
  computeWarning,
  DEFAULT_WARNING_RULES,
  isWorse,
  nodeStatus,
  plannedProgressAt,
  type WarningInput,
  type WarningNode,
} from './warnings.js';
import { OFFICIAL_2026 } from '../../test/fixtures/official-2026.js';

// 2026 only: 2027 is deliberately not loaded (the State Council has not published it).
const cal = buildCalendar([2026], OFFICIAL_2026);

const node = (o: Partial<WarningNode> & { plannedDate: string | null }): WarningNode => ({
  name: '主体封顶',
  nameEn: 'Topped out',
  seq: 4,
  actualDate: null,
  ...o,
});
const project = (o: Partial<WarningInput> = {}): WarningInput => ({
  stage: 'started',
  plannedStart: null,
  plannedEnd: null,
  startedOn: '2026-03-01',
  progress: null,
  nodes: [],
  ...o,
});

describe('an open node past its planned date, in working days (2026 official calendar)', () => {
  it.each([
    // planned, today, colour, working days late, why
    ['2026-10-09', '2026-10-09', 'blue', 0, 'due today is not late'],
    ['2026-10-09', '2026-10-10', 'yellow', 1, 'the 国庆 调休 Saturday is a working day'],
    ['2026-10-09', '2026-10-11', 'yellow', 1, 'an ordinary Sunday adds nothing'],
    ['2026-10-09', '2026-10-14', 'yellow', 4, 'Sat 10, Mon 12, Tue 13, Wed 14'],
    ['2026-09-30', '2026-10-07', 'blue', 0, 'the whole 国庆 break is not counted'],
    ['2026-09-30', '2026-10-08', 'yellow', 1, 'first working day after 国庆'],
    ['2026-09-30', '2026-10-20', 'yellow', 10, 'ten working days is still yellow'],
    ['2026-09-30', '2026-10-21', 'red', 11, 'the eleventh working day is red'],
    ['2026-10-01', '2026-10-08', 'blue', 0, 'a deadline on a holiday moves to the next working day'],
    ['2026-10-01', '2026-10-09', 'yellow', 1, '…and is late the working day after'],
    ['2026-09-19', '2026-09-20', 'blue', 0, 'Saturday deadline moves to the 调休 Sunday 20 Sep'],
    ['2026-09-19', '2026-09-21', 'yellow', 1, 'late from Monday'],
    ['2026-02-13', '2026-02-14', 'yellow', 1, 'the 春节 调休 Saturday counts'],
    ['2026-02-13', '2026-02-23', 'yellow', 1, 'the 春节 break adds nothing'],
    ['2026-02-13', '2026-02-28', 'yellow', 6, 'month end on the 调休 Saturday 28 Feb'],
    ['2026-02-13', '2026-03-02', 'yellow', 7, 'across the February month end'],
    [
      '2026-02-27',
      '2026-03-01',
      'yellow',
      1,
      'Friday deadline, the 调休 Saturday 28 Feb counts, Sunday 1 Mar does not',
    ],
    ['2026-02-28', '2026-03-01', 'blue', 0, 'deadline on the 调休 Saturday itself'],
    ['2026-02-28', '2026-03-02', 'yellow', 1, '…late from Monday 2 March'],
    ['2026-04-30', '2026-05-06', 'yellow', 1, 'across the April month end and 劳动节'],
    ['2026-04-30', '2026-05-09', 'yellow', 4, 'the 劳动节 调休 Saturday 9 May counts'],
    ['2026-12-30', '2026-12-31', 'yellow', 1, 'year end'],
    ['2026-03-02', '2026-03-16', 'yellow', 10, 'plain weeks: 10 working days'],
    ['2026-03-02', '2026-03-17', 'red', 11, 'plain weeks: 11 working days'],
  ])('planned %s, today %s → %s (%i days; %s)', (plannedDate, today, colour, days) => {
    const w = computeWarning(cal, project({ nodes: [node({ plannedDate })] }), today);
    expect(w.colour).toBe(colour);
    const late = w.reasons.find((r) => r.rule === 'node_late');
    if (days === 0) expect(late).toBeUndefined();
    else expect(late?.days).toBe(days);
  });

  it('explains itself in the words of the board', () => {
    const w = computeWarning(cal, project({ nodes: [node({ plannedDate: '2026-10-09' })] }), '2026-10-13');
    expect(w.reasons[0]?.zh).toBe('黄色：节点「主体封顶」计划 2026-10-09，已逾期 3 个工作日');
    expect(w.reasons[0]?.en).toBe('Yellow: node “Topped out” planned 2026-10-09, 3 working days overdue');
  });
});

describe('completed nodes', () => {
  it.each([
    // nodes (planned, actual), today, colour, rule
    [[['2026-10-09', '2026-10-14']], '2026-11-23', 'yellow', 'node_done_late'],
    [[['2026-09-30', '2026-10-21']], '2026-11-23', 'red', 'node_done_late'],
    [[['2026-10-09', '2026-10-09']], '2026-11-23', 'blue', 'on_plan'],
    [[['2026-10-09', '2026-10-01']], '2026-11-23', 'blue', 'on_plan'],
    // a later node done on time supersedes an earlier late one: the project caught up
    [
      [
        ['2026-10-09', '2026-10-14'],
        ['2026-11-02', '2026-10-30'],
      ],
      '2026-11-23',
      'blue',
      'on_plan',
    ],
    // …but an open overdue node always counts
    [
      [
        ['2026-10-09', null],
        ['2026-11-02', '2026-10-30'],
      ],
      '2026-11-23',
      'red',
      'node_late',
    ],
  ] as Array<[Array<[string, string | null]>, string, string, string]>)(
    '%j on %s → %s (%s)',
    (pairs, today, colour, rule) => {
      const nodes = pairs.map(([plannedDate, actualDate], i) =>
        node({ name: `节点${i + 1}`, seq: i + 1, plannedDate, actualDate }),
      );
      const w = computeWarning(cal, project({ nodes }), today);
      expect(w.colour).toBe(colour);
      expect(w.reasons[0]?.rule).toBe(rule);
    },
  );

  it('a node finished late says when', () => {
    const w = computeWarning(
      cal,
      project({ nodes: [node({ plannedDate: '2026-10-09', actualDate: '2026-10-14' })] }),
      '2026-11-23',
    );
    expect(w.reasons[0]?.zh).toBe('黄色：节点「主体封顶」计划 2026-10-09，实际 2026-10-14 完成，晚 4 个工作日');
  });
});

describe('an open node forecast (预计) to finish after its plan is late already', () => {
  it.each([
    // planned, expected, today, colour, days, rule
    ['2026-12-15', '2026-12-18', '2026-11-23', 'yellow', 3, 'node_slip'],
    ['2026-12-15', '2026-12-15', '2026-11-23', 'blue', 0, 'on_plan'],
    ['2026-12-15', '2026-12-10', '2026-11-23', 'blue', 0, 'on_plan'],
    ['2026-09-30', '2026-10-08', '2026-09-20', 'yellow', 1, 'node_slip'],
    ['2026-09-30', '2026-10-21', '2026-09-20', 'red', 11, 'node_slip'],
    // overdue by more than the forecast slip: the overdue days count
    ['2026-11-16', '2026-11-17', '2026-11-23', 'yellow', 5, 'node_late'],
  ])('planned %s, expected %s, today %s → %s (%i days, %s)', (plannedDate, expectedDate, today, colour, days, rule) => {
    const w = computeWarning(cal, project({ nodes: [node({ plannedDate, expectedDate })] }), today);
    expect(w.colour).toBe(colour);
    expect(w.reasons[0]?.rule).toBe(rule);
    if (days) expect(w.reasons[0]?.days).toBe(days);
  });
  it('says so in words', () => {
    const w = computeWarning(
      cal,
      project({ nodes: [node({ plannedDate: '2026-12-15', expectedDate: '2026-12-18' })] }),
      '2026-11-23',
    );
    expect(w.reasons[0]?.zh).toBe('黄色：节点「主体封顶」计划 2026-12-15，预计 2026-12-18 完成，将晚 3 个工作日');
  });
  it('a node already late whose forecast is later still says both: the days certain and the forecast', () => {
    const w = computeWarning(
      cal,
      project({ nodes: [node({ plannedDate: '2026-11-16', expectedDate: '2026-12-04' })] }),
      '2026-11-19',
    );
    expect(w.reasons[0]?.rule).toBe('node_slip');
    expect(w.reasons[0]?.zh).toBe(
      '红色：节点「主体封顶」计划 2026-11-16，已逾期 3 个工作日，预计 2026-12-04 完成，将晚 14 个工作日',
    );
    expect(w.reasons[0]?.en).toContain('3 working days overdue, expected 2026-12-04, 14 working days late');
  });
  it('a forecast into 2027 is counted on weekends only and marked provisional', () => {
    const w = computeWarning(
      cal,
      project({ nodes: [node({ plannedDate: '2026-12-30', expectedDate: '2027-01-08' })] }),
      '2026-11-23',
    );
    expect(w.provisionalYears).toEqual([2027]);
  });
});

describe('not started in the planned month (calendar months, no working-day rule)', () => {
  it.each([
    ['2026-09-15', '2026-09-30', 'blue', 'still inside the planned month (its last day)'],
    ['2026-09-15', '2026-10-01', 'yellow', 'the planned month passed without a start'],
    ['2026-09-15', '2026-11-30', 'yellow', 'two months after'],
    ['2026-09-15', '2026-12-01', 'red', 'three months after the planned month'],
    ['2026-01-31', '2026-02-28', 'yellow', 'February month end (a 调休 Saturday) changes nothing'],
    ['2026-12-31', '2027-01-01', 'yellow', 'into 2027 without needing its calendar'],
    ['2026-11-01', '2027-02-01', 'red', 'three months across the year end'],
  ])('planned start %s, today %s → %s (%s)', (plannedStart, today, colour) => {
    const w = computeWarning(cal, project({ stage: 'land', startedOn: null, plannedStart }), today);
    expect(w.colour).toBe(colour);
    expect(w.provisionalYears).toEqual([]);
  });

  it('the 开工 node follows this rule, not the working-day rule, and a late start is history once started', () => {
    const start = node({ name: '开工', stage: 'started', seq: 3, plannedDate: '2026-09-10' });
    const waiting = computeWarning(
      cal,
      project({ stage: 'land', startedOn: null, plannedStart: '2026-09-01', nodes: [start] }),
      '2026-11-23',
    );
    expect(waiting.colour).toBe('yellow');
    expect(waiting.reasons.map((r) => r.rule)).toEqual(['not_started']);
    const land = node({ name: '供地', stage: 'land', seq: 2, plannedDate: '2026-08-20', actualDate: '2026-08-25' });
    const begun = computeWarning(
      cal,
      project({ stage: 'started', nodes: [land, { ...start, actualDate: '2026-11-20' }] }),
      '2026-11-23',
    );
    expect(begun.colour).toBe('blue');
    // …and reaching it supersedes a late land supply, like any later node
    expect(
      computeWarning(cal, project({ stage: 'land', startedOn: null, nodes: [land, start] }), '2026-09-05').colour,
    ).toBe('yellow');
  });

  it('does not apply once the project has started (by stage or by start date)', () => {
    expect(
      computeWarning(cal, project({ stage: 'started', startedOn: null, plannedStart: '2026-01-10' }), '2026-11-23')
        .colour,
    ).toBe('blue');
    expect(
      computeWarning(cal, project({ stage: 'land', startedOn: '2026-02-01', plannedStart: '2026-01-10' }), '2026-11-23')
        .colour,
    ).toBe('blue');
  });

  it('explains how many months have passed', () => {
    const w = computeWarning(
      cal,
      project({ stage: 'signed', startedOn: null, plannedStart: '2026-08-20' }),
      '2026-11-23',
    );
    expect(w.reasons[0]?.zh).toBe('红色：计划 2026-08 开工，至今未开工（已过计划月 3 个月）');
  });
});

describe('progress behind plan', () => {
  // 2026-01-01 … 2026-12-31 is 364 days; on 2026-07-02 (day 182) the plan is 50%.
  const base = { plannedStart: '2026-01-01', plannedEnd: '2026-12-31' };
  it.each([
    [60, 'blue'],
    [41, 'blue'],
    [40, 'yellow'],
    [20, 'yellow'],
    [19.9, 'red'],
    [0, 'red'],
  ])('progress %d%% against a 50%% plan → %s', (progress, colour) => {
    expect(computeWarning(cal, project({ ...base, progress }), '2026-07-02').colour).toBe(colour);
  });

  it('a node with a planned percentage bends the planned curve', () => {
    const nodes = [node({ plannedDate: '2026-05-01', plannedPercent: 60, actualDate: '2026-04-28' })];
    expect(plannedProgressAt({ ...base, nodes }, '2026-05-01')).toBe(60);
    const w = computeWarning(cal, project({ ...base, nodes, progress: 45 }), '2026-05-01');
    expect(w.colour).toBe('yellow');
    expect(w.reasons[0]?.zh).toBe('黄色：形象进度 45%，按计划应达 60%，落后 15 个百分点');
  });

  it('a node passed by stage without a date is never late but still shapes the curve', () => {
    const nodes = [node({ plannedDate: '2026-05-01', plannedPercent: 60, passed: true })];
    const w = computeWarning(cal, project({ ...base, nodes, progress: 55 }), '2026-05-01');
    expect(w).toMatchObject({ colour: 'blue', plannedProgress: 60 });
  });

  it('is not judged before the project starts or without a report', () => {
    expect(
      computeWarning(
        cal,
        project({ ...base, stage: 'land', startedOn: null, plannedStart: '2026-07-01', progress: 0 }),
        '2026-07-02',
      ).colour,
    ).toBe('blue');
    expect(computeWarning(cal, project({ ...base, progress: null }), '2026-07-02').colour).toBe('blue');
  });
});

describe('plannedProgressAt', () => {
  it.each([
    ['2025-12-31', 0],
    ['2026-01-01', 0],
    ['2026-07-02', 50],
    ['2026-12-31', 100],
    ['2027-03-01', 100],
  ])('%s → %d%%', (today, expected) => {
    expect(plannedProgressAt({ plannedStart: '2026-01-01', plannedEnd: '2026-12-31', nodes: [] }, today)).toBe(
      expected,
    );
  });
  it('is unknown without both planned dates', () => {
    expect(plannedProgressAt({ plannedStart: '2026-01-01', plannedEnd: null, nodes: [] }, '2026-05-01')).toBeNull();
  });
});

describe('a year without a loaded calendar', () => {
  it('counts lateness on weekends only and says which year makes it provisional (暂定)', () => {
    const w = computeWarning(cal, project({ nodes: [node({ plannedDate: '2026-12-30' })] }), '2027-01-05');
    expect(w.provisionalYears).toEqual([2027]);
    expect(w.reasons.find((r) => r.rule === 'node_late')?.days).toBe(4);
    expect(w.reasons.find((r) => r.rule === 'provisional')?.zh).toBe(
      '暂定：节点「主体封顶」的逾期工作日按周末计算（2027年节假日安排尚未导入，暂按周末计算）',
    );
  });
  it('a 2027 node that is not yet due needs no 2027 calendar', () => {
    const w = computeWarning(cal, project({ nodes: [node({ plannedDate: '2027-03-01' })] }), '2026-11-23');
    expect(w).toMatchObject({ colour: 'blue', provisionalYears: [] });
  });
});

describe('rules', () => {
  it('the worst reason wins and comes first', () => {
    const w = computeWarning(
      cal,
      project({
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
        progress: 10,
        nodes: [node({ plannedDate: '2026-06-24' })],
      }),
      '2026-07-02',
    );
    expect(w.colour).toBe('red');
    expect(w.reasons.map((r) => r.colour)).toEqual(['red', 'yellow']);
  });

  it.each([
    [{ nodeRedDays: 3 }, '2026-10-14', 'red'],
    [{ nodeRedDays: 4 }, '2026-10-14', 'yellow'],
    [{ nodeYellowDays: 5 }, '2026-10-14', 'blue'],
  ])('configured %j: planned 2026-10-09, today %s → %s', (patch, today, colour) => {
    const rules = { ...DEFAULT_WARNING_RULES, ...patch };
    expect(computeWarning(cal, project({ nodes: [node({ plannedDate: '2026-10-09' })] }), today, rules).colour).toBe(
      colour,
    );
  });

  it('rejects rules that contradict themselves', () => {
    expect(checkWarningRules(DEFAULT_WARNING_RULES)).toEqual([]);
    expect(checkWarningRules({ ...DEFAULT_WARNING_RULES, nodeRedDays: 0 }).map((p) => p.zh)).toEqual([
      '节点红色阈值不能小于黄色起点',
    ]);
    expect(checkWarningRules({ ...DEFAULT_WARNING_RULES, notStartedYellowMonths: 4 })).toHaveLength(1);
  });

  it.each([
    ['yellow', 'blue', true],
    ['red', 'yellow', true],
    ['yellow', 'yellow', false],
    ['blue', 'red', false],
    ['yellow', null, true],
  ] as const)('%s after %s is worse: %s', (next, prev, expected) => {
    expect(isWorse(next, prev)).toBe(expected);
  });
});

describe('nodeStatus', () => {
  it.each([
    [null, null, '2026-10-09', 'unplanned', 0],
    ['2026-10-20', null, '2026-10-09', 'planned', 0],
    ['2026-10-09', null, '2026-10-09', 'due', 0],
    ['2026-10-01', null, '2026-10-08', 'due', 0],
    ['2026-09-30', null, '2026-10-09', 'late', 2],
    ['2026-09-30', '2026-10-09', '2026-11-23', 'done_late', 2],
    ['2026-09-30', '2026-10-07', '2026-11-23', 'done', 0],
    ['2026-09-30', '2026-09-28', '2026-11-23', 'done', 0],
  ])('planned %s actual %s today %s → %s %i', (plannedDate, actualDate, today, status, days) => {
    expect(nodeStatus(cal, { plannedDate, actualDate }, today)).toEqual({ status, days, provisionalYear: null });
  });
  it.each([
    ['2026-12-15', '2026-12-18', 'delayed', 3],
    ['2026-11-16', '2026-11-30', 'delayed', 10],
    ['2026-11-16', '2026-11-17', 'late', 5],
  ])('planned %s, expected %s on 2026-11-23 → %s %i', (plannedDate, expectedDate, status, days) => {
    expect(nodeStatus(cal, { plannedDate, expectedDate, actualDate: null }, '2026-11-23')).toEqual({
      status,
      days,
      provisionalYear: null,
    });
  });
  it('a 2027 lateness without the 2027 calendar is counted on weekends only, provisional', () => {
    expect(nodeStatus(cal, { plannedDate: '2026-12-31', actualDate: null }, '2027-01-06')).toEqual({
      status: 'late',
      days: 4,
      provisionalYear: 2027,
    });
  });
});
