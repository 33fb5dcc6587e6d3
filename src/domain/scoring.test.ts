import { describe, expect, it } from 'vitest';
import { checkCriteria, checkScores, DEFAULT_CRITERIA, maxTotal, projectTotals, sheetTotal } from './scoring.js';

const crit = [
  { key: 'a', zh: '进度', max: 60 },
  { key: 'b', zh: '党建', max: 40 },
];

describe('scoring sheets', () => {
  it('the default sheet totals 100', () => {
    expect(maxTotal(DEFAULT_CRITERIA)).toBe(100);
    expect(checkCriteria(DEFAULT_CRITERIA)).toEqual([]);
  });
  it.each([
    [[], ['评分表至少需要 1 项评分标准']],
    [[{ key: 'a', zh: '进度', max: 0 }], ['评分标准「进度」的满分须大于 0']],
    [
      [
        { key: 'a', zh: '进度', max: 5 },
        { key: 'a', zh: '进度2', max: 5 },
      ],
      ['评分标准「进度2」重复'],
    ],
  ])('criteria %j → %j', (c, problems) => {
    expect(checkCriteria(c).map((p) => p.zh)).toEqual(problems);
  });
  it.each([
    [{ a: 50, b: 30 }, []],
    [{ a: 61, b: 30 }, ['「进度」的得分须在 0–60 之间']],
    [{ a: 50 }, ['「党建」未评分']],
    [{ a: 50, b: -1 }, ['「党建」的得分须在 0–40 之间']],
    [{ a: 1, b: 1, c: 1 }, ['评分表中没有「c」这一项']],
  ])('scores %j → %j', (s, problems) => {
    expect(checkScores(crit, s).map((p) => p.zh)).toEqual(problems);
  });
  it('sums a sheet', () => {
    expect(sheetTotal(crit, { a: 50.5, b: 30.25 })).toBe(80.75);
  });
});

describe('projectTotals', () => {
  it('averages scorers per project, best first, ties share a rank', () => {
    const rows = projectTotals(crit, [
      { projectId: 1, scores: { a: 50, b: 30 } },
      { projectId: 1, scores: { a: 40, b: 30 } },
      { projectId: 2, scores: { a: 55, b: 35 } },
      { projectId: 3, scores: { a: 50, b: 25 } },
    ]);
    expect(rows.map((r) => [r.projectId, r.total, r.rank, r.scorers])).toEqual([
      [2, 90, 1, 1],
      [1, 75, 2, 2],
      [3, 75, 2, 1],
    ]);
    expect(rows[1]?.perCriterion).toEqual({ a: 45, b: 30 });
  });
});
