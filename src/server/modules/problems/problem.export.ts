import ExcelJS from 'exceljs';
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { problems } from '../../db/schema/index.js';
import { timelinessOf, TIMELINESS_ZH } from '../../../domain/problem-stats.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import { PROBLEM_SOURCE_LABELS, RATING_LABELS } from '../../../shared/problem-labels.js';
import { assignmentsOf, listProblems, type ProblemFilter } from './problem.repository.js';
import { filterDates } from './problem.service.js';

const MAX_ROWS = 50_000;

export const LEDGER_COLUMNS = [
  '序号',
  '来源',
  '企业/项目',
  '问题描述',
  '责任单位',
  '协办单位',
  '派单时间',
  '办理时限',
  '办理结果',
  '办结时间',
  '是否按期',
  '满意度',
] as const;

/**
 * 问题台账 as .xlsx in the usual columns, with the same filters as the page. Below the rows, the
 * 按期办结率 is a live formula over the 是否按期 column — so the file proves its own figure, and it
 * equals the statistics page's (closed on time ÷ (all closed + open overdue)).
 */
export async function exportLedger(
  ctx: AppContext,
  actor: Actor,
  f: Omit<ProblemFilter, 'page' | 'pageSize'>,
): Promise<Buffer> {
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  const d = filterDates(cal, now);
  const { rows } = await listProblems(ctx.db, actor, { ...f, page: 1, pageSize: MAX_ROWS, sort: 'recent' }, d);
  const ids = rows.map((r) => r.id);
  const [assignments, texts] = await Promise.all([
    assignmentsOf(ctx.db, ids),
    ids.length
      ? ctx.db
          .select({ id: problems.id, description: problems.description, result: problems.resultText })
          .from(problems)
          .where(inArray(problems.id, ids))
      : [],
  ]);
  const co = new Map<number, string[]>();
  for (const { a, deptName } of assignments)
    if (a.role === 'co' && a.status !== 'returned') co.set(a.problemId, [...(co.get(a.problemId) ?? []), deptName]);
  const text = new Map(texts.map((t) => [t.id, t]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xianfeng 先锋';
  const ws = wb.addWorksheet('问题台账');
  ws.addRow([`问题台账（截至 ${d.today}，共 ${rows.length} 条）`]);
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow([...LEDGER_COLUMNS]);
  ws.getRow(2).font = { bold: true };
  [6, 12, 28, 40, 18, 22, 18, 12, 40, 18, 12, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rows.forEach((r, i) => {
    const final = r.status === 'rated' || r.status === 'closed';
    const t = timelinessOf(
      {
        final,
        onTime: r.onTime,
        lateRounds: r.lateRounds,
        answeredAt: r.answeredAt?.toISOString() ?? null,
        answerDue: r.answerDue,
      },
      d.today,
    );
    const doneAt = r.answeredAt ?? (final ? r.closedAt : null);
    ws.addRow([
      i + 1,
      PROBLEM_SOURCE_LABELS[r.source as keyof typeof PROBLEM_SOURCE_LABELS]?.zh ?? r.source,
      [r.firmName, r.projectName].filter(Boolean).join(' / '),
      text.get(r.id)?.description ?? r.title,
      r.leadDeptName ?? '',
      (co.get(r.id) ?? []).join('、'),
      r.firstDispatchedAt ? formatDateTimeChina(r.firstDispatchedAt.toISOString()) : '',
      r.answerDue ?? (r.slaProvisionalYear ? `待${r.slaProvisionalYear}年日历` : ''),
      text.get(r.id)?.result ?? '',
      doneAt ? formatDateTimeChina(doneAt.toISOString()) : '',
      TIMELINESS_ZH[t],
      r.rating ? RATING_LABELS[r.rating as keyof typeof RATING_LABELS].zh : '',
    ]);
  });
  const last = rows.length + 2;
  const col = `K3:K${Math.max(3, last)}`;
  ws.addRow([]);
  const sum = (label: string, formula: string, fmt?: string) => {
    const row = ws.addRow([label]);
    const cell = row.getCell(2);
    cell.value = { formula } as ExcelJS.CellFormulaValue;
    if (fmt) cell.numFmt = fmt;
    row.font = { bold: true };
    return row.number;
  };
  const yes = sum('按期办结（是）', `COUNTIF(${col},"是")`);
  const no = sum('超期办结（否）', `COUNTIF(${col},"否")`);
  const overdue = sum('逾期未办结', `COUNTIF(${col},"逾期未办结")`);
  sum(
    '按期办结率 = 是 ÷（是 + 否 + 逾期未办结）',
    `IF(B${yes}+B${no}+B${overdue}=0,"—",B${yes}/(B${yes}+B${no}+B${overdue}))`,
    '0.00%',
  );
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  ws.getCell('A1').note = `导出时间 ${formatDateTimeChina(now.toISOString())}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
