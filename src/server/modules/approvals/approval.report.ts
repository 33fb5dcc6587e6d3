import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { invalid } from '../../errors.js';
import { buildXlsx } from '../../files/xlsx.js';
import { daysBetween } from '../../../domain/dates.js';
import { durationStats, timeApproval } from '../../../domain/approvals.js';
import { ACCEPTANCE_BASELINE_DAYS } from '../../../shared/approval-items.js';
import { completedAcceptances } from './approval.repository.js';
import type { AcceptanceReport } from '../../../shared/api/approvals.js';

type Filter = { from: string; to: string; code?: string | undefined };

async function computeRows(ctx: AppContext, actor: Actor, f: Filter) {
  if (f.to < f.from) throw invalid({ zh: '结束日期：不能早于开始日期', en: 'to: must not be before from' });
  if (daysBetween(f.from, f.to) > 3 * 366)
    throw invalid({ zh: '统计区间：不能超过 3 年', en: 'period: at most 3 years' });
  const [rows, cal] = await Promise.all([completedAcceptances(ctx.db, actor, f), ctx.calendar.get()]);
  let uncomputable = 0;
  const out = [];
  for (const r of rows) {
    const t = timeApproval(cal, r, r.completedOn as string);
    if (t.usedDays === null) {
      uncomputable++;
      continue;
    }
    out.push({ ...r, name: actor.lang === 'en' ? (r.nameEn ?? r.name) : r.name, usedDays: t.usedDays });
  }
  return { rows: out, uncomputable };
}

function groupStats<T extends { usedDays: number; targetDays: number }>(rows: T[], key: (r: T) => string) {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.entries()].map(([k, list]) => ({ key: k, ...durationStats(list) }));
}

/**
 * 验收时长: completed acceptances (主体结构分段验收, 竣工联合验收) of the visible projects in a period, in
 * working days — overall, per item, per department and per month — against the target and the 30
 * working days it took before the reform (the articles: 30 → 10).
 */
export async function acceptanceReport(ctx: AppContext, actor: Actor, f: Filter): Promise<AcceptanceReport> {
  const { rows, uncomputable } = await computeRows(ctx, actor, f);
  return {
    from: f.from,
    to: f.to,
    baselineDays: ACCEPTANCE_BASELINE_DAYS,
    overall: durationStats(rows),
    byItem: groupStats(rows, (r) => `${r.code}|${r.name}`).map(({ key, ...s }) => ({
      code: key.split('|')[0] as string,
      name: key.split('|')[1] as string,
      ...s,
    })),
    byDepartment: groupStats(rows, (r) => r.departmentName ?? '（未指定部门）').map(({ key, ...s }) => ({
      department: key,
      ...s,
    })),
    byMonth: groupStats(rows, (r) => (r.completedOn as string).slice(0, 7))
      .map(({ key, ...s }) => ({ month: key, ...s }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    uncomputable,
    rows: rows.slice(0, 500).map((r) => ({
      id: r.id,
      project: { id: r.projectId, name: r.projectName, code: r.projectCode },
      code: r.code,
      name: r.name,
      department: r.departmentName,
      submittedOn: r.submittedOn,
      completedOn: r.completedOn,
      usedDays: r.usedDays,
      targetDays: r.targetDays,
    })),
    total: rows.length,
  };
}

export async function exportAcceptanceReport(ctx: AppContext, actor: Actor, f: Filter): Promise<Buffer> {
  const { rows } = await computeRows(ctx, actor, f);
  return buildXlsx({
    name: '验收时长',
    title: `项目验收时长统计（${f.from} 至 ${f.to}，工作日）`,
    rows,
    columns: [
      { header: '序号', width: 6, value: (_r, i) => i + 1 },
      { header: '项目编号', width: 14, value: (r) => r.projectCode },
      { header: '项目名称', width: 28, value: (r) => r.projectName },
      { header: '验收事项', width: 18, value: (r) => r.name },
      { header: '办理部门', width: 18, value: (r) => r.departmentName },
      { header: '申报日期', width: 12, value: (r) => r.submittedOn },
      { header: '办结日期', width: 12, value: (r) => r.completedOn },
      { header: '用时（工作日）', width: 12, value: (r) => r.usedDays },
      { header: '承诺时限（工作日）', width: 14, value: (r) => r.targetDays },
      { header: '是否超时', width: 10, value: (r) => (r.usedDays > r.targetDays ? '超时' : '按时') },
    ],
  });
}
