import { message } from 'antd';
import { download, post } from '../../app/api.js';
import { getLang } from '../../app/i18n.js';
import { EXPORT_TASK_THRESHOLD, type ExportList, type TaskCreated } from '../../../shared/api/tasks.js';

type Filters = Record<string, string | number | boolean | undefined | null | Array<string | number>>;

const EXPORT_PATHS: Record<ExportList, string> = {
  people: '/api/people/export',
  problems: '/api/problems/export',
};

/**
 * One handler for a list's 导出 button (`onExport(filters)`): a small list downloads at once from its
 * GET …/export route; one of more than EXPORT_TASK_THRESHOLD rows (the list's total, as the page knows
 * it) is exported as a task of the 任务中心 — the file waits there and the user is told so.
 * Answers the task's id when one was made.
 */
export async function runExport(list: ExportList, filters: Filters, total: number): Promise<number | undefined> {
  const clean: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === '' || k === 'page' || k === 'pageSize') continue;
    clean[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  if (total <= EXPORT_TASK_THRESHOLD) {
    download(EXPORT_PATHS[list], clean);
    return undefined;
  }
  const zh = getLang() === 'zh';
  try {
    const { id } = await post<TaskCreated>('/api/tasks', { kind: 'export', list, filters: clean });
    void message.success(
      zh
        ? `数据较多（${total.toLocaleString()} 行），已转为后台导出任务，完成后可在任务中心下载`
        : `${total} rows: exporting in the background; download it from the task center when done`,
    );
    return id;
  } catch (e) {
    void message.error((e as Error).message);
    return undefined;
  }
}

/** The same, bound to one list: `onExport={exportHandler('people', total)}`. */
export const exportHandler =
  (list: ExportList, total: number) =>
  (filters: Filters): Promise<number | undefined> =>
    runExport(list, filters, total);
