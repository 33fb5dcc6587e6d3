import type { Actor } from '../../actor.js';
import { auditActorOf } from '../../actor.js';
import type { AppContext } from '../../context.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { FileNotFoundError } from '../../files/storage.js';
import type { TaskDetail, TaskKind, TaskPage, TaskStatus, ExportTaskInput } from '../../../shared/api/tasks.js';
import { exportListOf } from './task.registry.js';
import { findTaskOf, insertTask, listTasksOf } from './task.repository.js';
import { presentTask, presentTaskDetail } from './task.presenter.js';
import { wakeTaskWorker } from './task.wake.js';

const TASK = { zh: '任务', en: 'Task' };

/** Where the request came from, kept so the run's own audit rows (an export's) name it. */
export interface TaskOrigin {
  ip: string;
  requestId: string;
  lang: 'zh' | 'en';
}

/**
 * Queues a task for the actor (audited in the same transaction) and wakes this process's worker.
 * Called by the module that owns the work (people's roster import) or by POST /api/tasks (exports).
 */
export async function createTask(
  ctx: AppContext,
  actor: Actor,
  kind: TaskKind,
  params: Record<string, unknown>,
): Promise<{ id: number }> {
  const now = ctx.clock.now();
  const origin: TaskOrigin = { ip: actor.ip, requestId: actor.requestId, lang: actor.lang };
  const row = await ctx.db.transaction(async (tx) => {
    const t = await insertTask(tx, {
      kind,
      ownerUserId: actor.userId,
      ownerScopePath: actor.scope.path,
      status: 'queued',
      params: { ...params, origin },
      createdAt: now,
    });
    const { origin: _o, ...shown } = t.params as Record<string, unknown>;
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'task', entityId: String(t.id), action: 'create', after: { kind, params: shown } },
      now,
    );
    return t;
  });
  wakeTaskWorker();
  return { id: row.id };
}

/** POST /api/tasks {kind:'export', list, filters}: the list's own schema checks the filters (→ 400). */
export async function createExportTask(ctx: AppContext, actor: Actor, input: ExportTaskInput): Promise<{ id: number }> {
  const list = exportListOf(input.list);
  if (!list) throw invalid({ zh: `列表：不支持导出“${input.list}”`, en: `list: ${input.list} cannot be exported` });
  if (!actor.permissions.has(list.permission))
    throw new AppError('FORBIDDEN', { zh: '没有导出该列表的权限', en: 'You may not export this list' });
  const parsed = list.filters.safeParse(input.filters ?? {});
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const field = i?.path.join('.') || 'filters';
    throw invalid({ zh: `筛选条件 ${field}：取值无效`, en: `filters.${field}: invalid value` });
  }
  return createTask(ctx, actor, 'export', { list: input.list, filters: input.filters ?? {} });
}

/** 任务中心: the actor's own tasks (an administrator sees only their own too). */
export async function listMyTasks(
  ctx: AppContext,
  actor: Actor,
  q: { status?: TaskStatus; page: number; pageSize: number },
): Promise<TaskPage> {
  const { rows, total, active } = await listTasksOf(ctx.db, actor, q);
  return { data: rows.map((r) => presentTask(r, actor.lang)), total, active, page: q.page, pageSize: q.pageSize };
}

export async function getMyTask(ctx: AppContext, actor: Actor, id: number): Promise<TaskDetail> {
  const row = await findTaskOf(ctx.db, actor, id);
  if (!row) throw notFound(TASK);
  return presentTaskDetail(row, actor.lang);
}

/** The result file of one of the actor's own finished tasks. */
export async function myTaskFile(ctx: AppContext, actor: Actor, id: number): Promise<{ name: string; data: Buffer }> {
  const row = await findTaskOf(ctx.db, actor, id);
  if (!row) throw notFound(TASK);
  if (row.status !== 'done' || !row.resultFileKey) throw notFound({ zh: '任务结果文件', en: 'Task result file' });
  try {
    return { name: row.resultFileName ?? 'result.xlsx', data: await ctx.files.get(row.resultFileKey) };
  } catch (e) {
    if (e instanceof FileNotFoundError) throw notFound({ zh: '任务结果文件', en: 'Task result file' });
    throw e;
  }
}
