import { PROJECT_KINDS, PROJECT_LEVELS, PROJECT_STAGES, TASK_FORCE_LEVELS } from '../../../shared/project-stages.js';
import type { Colour, NodeStatus } from './api.js';

type Tr = (zh: string, en: string) => string;

/** One vocabulary on every page and export: 蓝/黄/红. */
export const COLOURS: Record<Colour, { zh: string; en: string; hex: string; tag: string }> = {
  blue: { zh: '蓝', en: 'Blue', hex: '#1677ff', tag: 'blue' },
  yellow: { zh: '黄', en: 'Yellow', hex: '#faad14', tag: 'gold' },
  red: { zh: '红', en: 'Red', hex: '#f5222d', tag: 'red' },
};

export const NODE_STATUS: Record<NodeStatus, { zh: string; en: string; color: string }> = {
  planned: { zh: '未到期', en: 'Planned', color: 'default' },
  due: { zh: '今日到期', en: 'Due', color: 'processing' },
  delayed: { zh: '预计延误', en: 'Forecast late', color: 'warning' },
  late: { zh: '已逾期', en: 'Overdue', color: 'error' },
  done: { zh: '按期完成', en: 'Done on time', color: 'success' },
  done_late: { zh: '延期完成', en: 'Done late', color: 'warning' },
  unplanned: { zh: '未定计划', en: 'No plan', color: 'default' },
};

const pick = <T extends Record<string, { zh: string; en: string }>>(m: T, k: string | null | undefined, tr: Tr) => {
  const v = k ? m[k as keyof T] : undefined;
  return v ? tr(v.zh, v.en) : (k ?? '');
};

export const stageLabel = (s: string | null | undefined, tr: Tr) => pick(PROJECT_STAGES, s, tr);
export const levelLabel = (s: string | null | undefined, tr: Tr) => pick(PROJECT_LEVELS, s, tr);
export const kindLabel = (s: string | null | undefined, tr: Tr) => pick(PROJECT_KINDS, s, tr);
export const taskForceLabel = (s: string | null | undefined, tr: Tr) => pick(TASK_FORCE_LEVELS, s, tr);

export const CONTRACTOR_ROLES: Record<string, { zh: string; en: string }> = {
  general: { zh: '总承包', en: 'General contractor' },
  sub: { zh: '分包', en: 'Sub-contractor' },
  supervisor: { zh: '监理', en: 'Supervisor' },
  design: { zh: '设计', en: 'Designer' },
};

/** 12,345.67 万元 */
export function wan(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
