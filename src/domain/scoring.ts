/**
 * 半年观摩 (half-year observation): each visited project is scored on a sheet of configurable
 * criteria; a project's total is the average over its scorers of their sheet totals.
 */
export interface Criterion {
  key: string;
  zh: string;
  en?: string | undefined;
  max: number;
}

export interface Problem {
  zh: string;
  en: string;
}

export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'progress', zh: '项目建设进度', en: 'Construction progress', max: 30 },
  { key: 'investment', zh: '投资完成情况', en: 'Investment completed', max: 20 },
  { key: 'party', zh: '党建引领成效', en: 'Party-building results', max: 20 },
  { key: 'safety', zh: '安全文明施工', en: 'Safe, orderly site', max: 15 },
  { key: 'wages', zh: '农民工工资保障', en: 'Migrant wages paid', max: 15 },
];

export function checkCriteria(criteria: Criterion[]): Problem[] {
  const out: Problem[] = [];
  if (criteria.length === 0)
    out.push({ zh: '评分表至少需要 1 项评分标准', en: 'A scoring sheet needs at least one criterion' });
  const seen = new Set<string>();
  for (const c of criteria) {
    if (seen.has(c.key)) out.push({ zh: `评分标准「${c.zh}」重复`, en: `Duplicate criterion ${c.key}` });
    seen.add(c.key);
    if (!(c.max > 0))
      out.push({ zh: `评分标准「${c.zh}」的满分须大于 0`, en: `Criterion ${c.key} needs a positive maximum` });
  }
  return out;
}

export function maxTotal(criteria: Criterion[]): number {
  return criteria.reduce((s, c) => s + c.max, 0);
}

/** Every criterion scored, each between 0 and its maximum. */
export function checkScores(criteria: Criterion[], scores: Record<string, number>): Problem[] {
  const out: Problem[] = [];
  const keys = new Set(criteria.map((c) => c.key));
  for (const k of Object.keys(scores))
    if (!keys.has(k)) out.push({ zh: `评分表中没有「${k}」这一项`, en: `Unknown criterion ${k}` });
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === undefined) out.push({ zh: `「${c.zh}」未评分`, en: `${c.en ?? c.key} not scored` });
    else if (!(v >= 0 && v <= c.max))
      out.push({ zh: `「${c.zh}」的得分须在 0–${c.max} 之间`, en: `${c.en ?? c.key} must be between 0 and ${c.max}` });
  }
  return out;
}

export function sheetTotal(criteria: Criterion[], scores: Record<string, number>): number {
  return Math.round(criteria.reduce((s, c) => s + (scores[c.key] ?? 0), 0) * 100) / 100;
}

export interface ProjectTotal<K> {
  projectId: K;
  scorers: number;
  /** Average of the scorers' sheet totals, two decimals. */
  total: number;
  perCriterion: Record<string, number>;
  rank: number;
}

/** Totals per project, best first; equal totals share a rank (1, 2, 2, 4). */
export function projectTotals<K>(
  criteria: Criterion[],
  sheets: Array<{ projectId: K; scores: Record<string, number> }>,
): Array<ProjectTotal<K>> {
  const groups = new Map<K, Array<Record<string, number>>>();
  for (const s of sheets) groups.set(s.projectId, [...(groups.get(s.projectId) ?? []), s.scores]);
  const rows = [...groups.entries()].map(([projectId, list]) => {
    const perCriterion: Record<string, number> = {};
    for (const c of criteria)
      perCriterion[c.key] = Math.round((list.reduce((s, x) => s + (x[c.key] ?? 0), 0) / list.length) * 100) / 100;
    const total = Math.round((list.reduce((s, x) => s + sheetTotal(criteria, x), 0) / list.length) * 100) / 100;
    return { projectId, scorers: list.length, total, perCriterion, rank: 0 };
  });
  rows.sort((a, b) => b.total - a.total);
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && prev.total === r.total ? prev.rank : i + 1;
  });
  return rows;
}
