import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { dispatchReports, projects } from '../../db/schema/index.js';
import { chinaDate, formatChineseDate } from '../../../domain/dates.js';
import { formatChineseMonth } from '../../../domain/months.js';
import { COLOUR_LABEL } from '../../../domain/warnings.js';
import { formatWan } from '../../../shared/format.js';
import { listProjects, projectFilterWhere } from '../projects/index.js';
import { regionOfPath } from '../projects/index.js';
import { buildSnapshots, DISPATCH_STAGES, type DispatchSnapshot } from './dispatch.service.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MAX_PROJECTS = 2000;
const FONT = 'SimSun';

const round2 = (n: number) => Math.round(n * 100) / 100;
const text = (t: string, o: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text: t, font: FONT, bold: o.bold ?? false, size: o.size ?? 21 });
const para = (
  t: string,
  o: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) => new Paragraph({ children: [text(t, o)], ...(o.align ? { alignment: o.align } : {}), spacing: { after: 80 } });
const cell = (t: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [text(t, { bold, size: 18 })] })] });
const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

export interface DispatchTotals {
  projects: number;
  confirmed: number;
  missing: number;
  colours: { blue: number; yellow: number; red: number };
  monthInvestment: number;
  yearInvestment: number;
  annualPlan: number;
}

/** The figures of the summary table's 合计 row (tests compare them with the data). */
export function totalsOf(rows: Array<{ snapshot: DispatchSnapshot; confirmed: boolean }>): DispatchTotals {
  const t: DispatchTotals = {
    projects: rows.length,
    confirmed: 0,
    missing: 0,
    colours: { blue: 0, yellow: 0, red: 0 },
    monthInvestment: 0,
    yearInvestment: 0,
    annualPlan: 0,
  };
  for (const r of rows) {
    if (r.confirmed) t.confirmed++;
    else t.missing++;
    t.colours[r.snapshot.colour]++;
    t.monthInvestment += r.snapshot.summary.monthInvestment;
    t.yearInvestment += r.snapshot.summary.yearInvestment;
    t.annualPlan += r.snapshot.summary.annualPlan ?? 0;
  }
  return {
    ...t,
    monthInvestment: round2(t.monthInvestment),
    yearInvestment: round2(t.yearInvestment),
    annualPlan: round2(t.annualPlan),
  };
}

function projectSection(
  i: number,
  s: DispatchSnapshot,
  rep: { remarks: string | null; confirmedByName: string; confirmedAt: Date } | undefined,
): Paragraph[] {
  const names = (
    ns: Array<{ name: string; plannedDate: string | null; actualDate: string | null }>,
    withActual: boolean,
  ) =>
    ns.length
      ? ns
          .map(
            (n) =>
              `${n.name}（计划 ${n.plannedDate ?? '未定'}${withActual && n.actualDate ? `，实际 ${n.actualDate}` : ''}）`,
          )
          .join('、')
      : '无';
  const sm = s.summary;
  const out = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: [text(`${i}. ${s.project.name}（${s.project.code}）`, { bold: true, size: 24 })],
    }),
    para(
      `属地乡镇：${s.project.township ?? ''}；阶段：${s.project.stageZh}；项目专员（党建指导员）：${s.project.commissioner ?? '未指定'}；包联领导：${s.project.leader ?? '未指定'}`,
    ),
    para(`预警：${COLOUR_LABEL[s.colour].zh}。${s.reasons.map((r) => r.zh).join('；')}`),
    para(
      `本月完成节点：${names(sm.nodesDone, true)}；本月未按计划完成：${names(sm.nodesMissed, false)}；下月计划节点：${names(sm.nodesNext, false)}`,
    ),
    para(
      `投资：本月完成 ${formatWan(sm.monthInvestment)} 万元，年度累计 ${formatWan(sm.yearInvestment)} 万元${sm.annualPlan ? `，年度计划 ${formatWan(sm.annualPlan)} 万元，完成 ${sm.annualRate ?? 0}%` : ''}；形象进度 ${s.progress ?? '未填报'}${s.progress !== null ? '%' : ''}（计划 ${s.plannedProgress ?? '—'}%）`,
    ),
    para(
      `未办结事项：${s.open.length ? s.open.map((o) => `${o.label.zh} ${o.count} 项（${o.items.map((x) => x.zh).join('；')}）`).join('；') : '无'}`,
    ),
    para(
      rep
        ? `专员备注：${rep.remarks ?? '无'}（${rep.confirmedByName} 于 ${chinaDate(rep.confirmedAt)} 确认）`
        : '调度状态：尚未确认（缺报）',
    ),
  ];
  return out;
}

/**
 * 月调度报告 of a region for one month as Word: title, date line, a summary table with a 合计 row,
 * then one section per project. Confirmed reports use their confirmed snapshot; missing ones the
 * live prefill, marked 缺报.
 */
export async function exportDispatchDocx(
  ctx: AppContext,
  actor: Actor,
  f: { month: string; townshipId?: number | undefined },
): Promise<{ buffer: Buffer; totals: DispatchTotals }> {
  const today = chinaDate(ctx.clock.now());
  const where = and(projectFilterWhere(actor, { townshipId: f.townshipId }), inArray(projects.stage, DISPATCH_STAGES));
  const [{ rows, total }, region] = await Promise.all([
    listProjects(ctx.db, actor, { page: 1, pageSize: MAX_PROJECTS, sort: 'code' }, today.slice(0, 4), where),
    regionOfPath(ctx.db, actor.scope.path),
  ]);
  const ids = rows.map((r) => r.project.id);
  const reports = ids.length
    ? await ctx.db
        .select()
        .from(dispatchReports)
        .where(and(inArray(dispatchReports.projectId, ids), eq(dispatchReports.month, f.month)))
    : [];
  const live = await buildSnapshots(
    ctx.db,
    rows.filter((r) => !reports.some((x) => x.projectId === r.project.id)),
    f.month,
  );
  const lines = rows.map((r) => {
    const rep = reports.find((x) => x.projectId === r.project.id);
    return {
      snapshot: rep ? (rep.snapshot as DispatchSnapshot) : (live.get(r.project.id) as DispatchSnapshot),
      confirmed: Boolean(rep),
      rep,
    };
  });
  const totals = totalsOf(lines);
  const header = [
    '序号',
    '项目名称',
    '属地乡镇',
    '阶段',
    '预警',
    '本月完成投资（万元）',
    '年度累计（万元）',
    '年度计划（万元）',
    '完成率',
    '调度状态',
  ];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...lines.map(
        (l, i) =>
          new TableRow({
            children: [
              String(i + 1),
              l.snapshot.project.name,
              l.snapshot.project.township ?? '',
              l.snapshot.project.stageZh,
              COLOUR_LABEL[l.snapshot.colour].zh,
              formatWan(l.snapshot.summary.monthInvestment),
              formatWan(l.snapshot.summary.yearInvestment),
              formatWan(l.snapshot.summary.annualPlan ?? 0),
              l.snapshot.summary.annualRate === null ? '—' : `${l.snapshot.summary.annualRate}%`,
              l.confirmed ? '已确认' : '缺报',
            ].map((c) => cell(c)),
          }),
      ),
      new TableRow({
        children: [
          '合计',
          `${totals.projects} 个项目`,
          '',
          '',
          `蓝${totals.colours.blue} 黄${totals.colours.yellow} 红${totals.colours.red}`,
          formatWan(totals.monthInvestment),
          formatWan(totals.yearInvestment),
          formatWan(totals.annualPlan),
          totals.annualPlan ? `${Math.round((totals.yearInvestment / totals.annualPlan) * 1000) / 10}%` : '—',
          `已确认${totals.confirmed} 缺报${totals.missing}`,
        ].map((c) => cell(c, true)),
      }),
    ],
  });
  const cut = total > rows.length ? `（项目较多，仅列前 ${MAX_PROJECTS} 个，共 ${total} 个；请按乡镇分别导出）` : '';
  const doc = new Document({
    creator: 'Xianfeng 先锋',
    title: `${formatChineseMonth(f.month)}重点项目月调度报告`,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          para(`${region?.name ?? ''}${formatChineseMonth(f.month)}重点项目月调度报告`, {
            bold: true,
            size: 36,
            align: AlignmentType.CENTER,
          }),
          para(`报告日期：${formatChineseDate(today)}\u3000\u3000统计范围：${totals.projects} 个在调度项目${cut}`, {
            align: AlignmentType.CENTER,
          }),
          para(
            `本月共调度项目 ${totals.projects} 个，其中蓝色 ${totals.colours.blue} 个、黄色 ${totals.colours.yellow} 个、红色 ${totals.colours.red} 个；专员已确认 ${totals.confirmed} 个，缺报 ${totals.missing} 个。本月完成投资 ${formatWan(totals.monthInvestment)} 万元，年度累计完成 ${formatWan(totals.yearInvestment)} 万元，年度计划 ${formatWan(totals.annualPlan)} 万元。`,
          ),
          para('一、汇总表', { bold: true, size: 24 }),
          table,
          para('二、分项目情况', { bold: true, size: 24 }),
          ...lines.flatMap((l, i) => projectSection(i + 1, l.snapshot, l.rep)),
        ],
      },
    ],
  });
  return { buffer: Buffer.from(await Packer.toBuffer(doc)), totals };
}
