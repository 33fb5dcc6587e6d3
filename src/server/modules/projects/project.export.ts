import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { buildXlsx } from '../../files/xlsx.js';
import { chinaDate } from '../../../domain/dates.js';
import { COLOUR_LABEL } from '../../../domain/warnings.js';
import {
  PROJECT_KINDS,
  PROJECT_LEVELS,
  PROJECT_STAGES,
  type ProjectKind,
  type ProjectLevel,
  type ProjectStage,
} from '../../../shared/project-stages.js';
import { listProjects } from './project.repository.js';
import { presentListItem } from './project.presenter.js';
import type { ProjectFilter, ProjectListItem } from '../../../shared/api/projects.js';

export const EXPORT_MAX_ROWS = 50_000;

type Line =
  | { item: ProjectListItem; total?: undefined }
  | { item?: undefined; total: { count: number; totalInvestment: number; annualPlan: number; year: number } };

const sum = (xs: Array<number | null>) => Math.round(xs.reduce<number>((s, x) => s + (x ?? 0), 0) * 100) / 100;

/** The project list as .xlsx (the 台账 columns people already use) with the same filters, and a 合计 row. */
export async function exportProjects(
  ctx: AppContext,
  actor: Actor,
  f: Omit<ProjectFilter, 'page' | 'pageSize'>,
): Promise<Buffer> {
  const today = chinaDate(ctx.clock.now());
  const { rows, total } = await listProjects(
    ctx.db,
    actor,
    { ...f, page: 1, pageSize: EXPORT_MAX_ROWS },
    today.slice(0, 4),
  );
  const items = rows.map((r) => presentListItem(r, 'zh'));
  const lines: Line[] = [
    ...items.map((item) => ({ item })),
    {
      total: {
        count: items.length,
        totalInvestment: sum(items.map((i) => i.totalInvestment)),
        annualPlan: sum(items.map((i) => i.annualPlanInvestment)),
        year: sum(items.map((i) => i.yearInvestment)),
      },
    },
  ];
  const cut = total > items.length ? `，仅导出前 ${EXPORT_MAX_ROWS} 条，共 ${total} 条` : '';
  return buildXlsx<Line>({
    name: '项目台账',
    title: `重点项目台账（${today}${cut}）`,
    rows: lines,
    columns: [
      { header: '序号', width: 6, value: (l, i) => (l.item ? i + 1 : '合计') },
      { header: '项目编号', width: 14, value: (l) => l.item?.code ?? `${l.total?.count ?? 0} 个项目` },
      { header: '项目名称', width: 28, value: (l) => l.item?.name },
      { header: '属地乡镇', width: 12, value: (l) => l.item?.township?.name },
      { header: '项目类型', width: 10, value: (l) => (l.item ? PROJECT_KINDS[l.item.kind as ProjectKind]?.zh : '') },
      { header: '行业', width: 10, value: (l) => l.item?.industry },
      { header: '产业链', width: 10, value: (l) => l.item?.chain },
      {
        header: '级别',
        width: 8,
        value: (l) => (l.item?.level ? PROJECT_LEVELS[l.item.level as ProjectLevel].zh : ''),
      },
      { header: '阶段', width: 8, value: (l) => (l.item ? PROJECT_STAGES[l.item.stage as ProjectStage].zh : '') },
      {
        header: '总投资（万元）',
        width: 14,
        value: (l) => (l.item ? l.item.totalInvestment : l.total.totalInvestment),
      },
      {
        header: '年度计划投资（万元）',
        width: 16,
        value: (l) => (l.item ? l.item.annualPlanInvestment : l.total.annualPlan),
      },
      { header: '本年完成投资（万元）', width: 16, value: (l) => (l.item ? l.item.yearInvestment : l.total.year) },
      { header: '形象进度（%）', width: 10, value: (l) => l.item?.progress },
      { header: '预警', width: 6, value: (l) => (l.item ? COLOUR_LABEL[l.item.warning.colour].zh.slice(0, 1) : '') },
      { header: '预警原因', width: 50, value: (l) => l.item?.warning.reasons.map((r) => r.text).join('；') },
      { header: '包联领导', width: 10, value: (l) => l.item?.leader?.name },
      { header: '项目专员（党建指导员）', width: 12, value: (l) => l.item?.commissioner?.name },
      { header: '牵头单位', width: 16, value: (l) => l.item?.leadUnit?.name },
      { header: '项目经理', width: 10, value: (l) => l.item?.managerName },
      { header: '计划开工', width: 12, value: (l) => l.item?.plannedStart },
      { header: '计划竣工', width: 12, value: (l) => l.item?.plannedEnd },
    ],
  });
}
