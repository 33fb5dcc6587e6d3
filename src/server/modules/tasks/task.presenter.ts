import type { Lang } from '../../errors.js';
import {
  TASK_STATUS_LABELS,
  type TaskDetail,
  type TaskKind,
  type TaskStatus,
  type TaskView,
} from '../../../shared/api/tasks.js';
import type { ImportReport } from '../../../shared/api/people.js';
import type { TaskRow } from './task.repository.js';
import { exportListOf, taskKindOf } from './task.registry.js';

/** 导入党员名册 / 导出党员台账: what the task does, in the reader's language. */
export function taskTitle(row: Pick<TaskRow, 'kind' | 'params'>, lang: Lang): string {
  if (row.kind === 'export') {
    const list = exportListOf(String((row.params as { list?: unknown }).list ?? ''));
    return list ? list.title[lang] : lang === 'zh' ? '导出' : 'Export';
  }
  return taskKindOf(row.kind)?.title[lang] ?? row.kind;
}

export function presentTask(row: TaskRow, lang: Lang): TaskView {
  const report = row.result as ImportReport | null;
  return {
    id: row.id,
    kind: row.kind as TaskKind,
    title: taskTitle(row, lang),
    status: row.status as TaskStatus,
    statusLabel: TASK_STATUS_LABELS[row.status as TaskStatus][lang],
    done: row.done,
    total: row.total,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.status === 'failed' ? ((lang === 'zh' ? row.errorZh : row.errorEn) ?? null) : null,
    fileName: row.resultFileKey ? row.resultFileName : null,
    summary: report
      ? { total: report.total, valid: report.valid, invalidRows: report.invalidRows, imported: report.imported }
      : null,
  };
}

export function presentTaskDetail(row: TaskRow, lang: Lang): TaskDetail {
  return { ...presentTask(row, lang), report: (row.result as ImportReport | null) ?? null };
}
