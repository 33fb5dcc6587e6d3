import { hostname } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { AppError, type LocalText } from '../../errors.js';
import { auditActorOf, SYSTEM_ACTOR, type Actor } from '../../actor.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { notifyUsers } from '../notifications/index.js';
import { chinaDate } from '../../../domain/dates.js';
import { exportListOf, taskKindOf, type Progress, type TaskOutcome } from './task.registry.js';
import {
  claimNextTask,
  failStaleTasks,
  hasStaleTasks,
  finishTaskRow,
  ownerActorOf,
  saveProgress,
  type TaskRow,
} from './task.repository.js';
import { taskTitle } from './task.presenter.js';
import type { TaskOrigin } from './task.service.js';
import { onTaskWake } from './task.wake.js';

/** A running task whose heartbeat is older than this belongs to a server that died or was stopped. */
export const TASK_STALE_MS = 2 * 60_000;
/** The worker beats a running task's heartbeat this often even when it reports no progress. */
export const TASK_HEARTBEAT_MS = 20_000;

export const INTERRUPTED: LocalText = {
  zh: '任务中断：执行任务的服务器已停止或重启，请重新提交（导入在中断时不会写入部分数据）',
  en: 'Interrupted: the server running this task stopped or restarted; please submit it again (an interrupted import writes nothing)',
};

export const workerId = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * Marks stale running tasks failed and tells their owners (decision 031: a task whose server died is
 * failed, not resumed — its input is kept for a resubmit, and an import is one transaction, so nothing
 * half-written is left behind). Safe on any server, any number of times.
 */
export async function recoverStaleTasks(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - TASK_STALE_MS);
  if (!(await hasStaleTasks(ctx.db, before))) return 0;
  const failed = await ctx.db.transaction(async (tx) => {
    const rows = await failStaleTasks(tx, before, now, INTERRUPTED);
    for (const row of rows) {
      await notifyOwner(tx, row, now);
      await recordAudit(
        tx,
        SYSTEM_ACTOR,
        { entity: 'task', entityId: String(row.id), action: 'fail', after: { reason: 'stale heartbeat' } },
        now,
      );
    }
    return rows;
  });
  for (const row of failed) await cleanupOf(ctx, row);
  return failed.length;
}

/** A test's hook: runs after each stored progress report (a test pauses here to look mid-way). */
export type AfterProgress = (taskId: number, done: number, total: number | null) => Promise<void>;

/** Claims and runs the oldest queued task; its id, or undefined when none was waiting. */
export async function runNextTask(
  ctx: AppContext,
  worker: string,
  opts: { afterProgress?: AfterProgress } = {},
): Promise<number | undefined> {
  const row = await claimNextTask(ctx.db, worker, ctx.clock.now());
  if (!row) return undefined;
  const beat = setInterval(() => {
    saveProgress(ctx.db, row.id, worker, { at: ctx.clock.now() }).catch((err: unknown) =>
      ctx.log.warn({ err, taskId: row.id }, 'task heartbeat failed'),
    );
  }, TASK_HEARTBEAT_MS);
  beat.unref();
  let outcome: TaskOutcome | undefined;
  let owner: Actor | undefined;
  let error: LocalText | undefined;
  try {
    const origin = (row.params as { origin: TaskOrigin }).origin;
    owner = await ownerActorOf(ctx.db, row.ownerUserId, origin);
    if (!owner)
      throw new AppError('FORBIDDEN', {
        zh: '任务所有者的账号已停用，任务未执行',
        en: "The owner's account is disabled",
      });
    const progress: Progress = async (done, total) => {
      await saveProgress(ctx.db, row.id, worker, { done, total, at: ctx.clock.now() });
      await opts.afterProgress?.(row.id, done, total);
    };
    outcome = await runAs(ctx, row, owner, progress);
  } catch (e) {
    if (e instanceof AppError) error = e.text;
    else {
      ctx.log.error({ err: e, taskId: row.id }, 'task failed');
      error = { zh: '任务执行出错（内部错误），请稍后重试或联系系统管理员', en: 'The task failed (internal error)' };
    }
  } finally {
    clearInterval(beat);
  }
  await finish(ctx, row, worker, owner, outcome, error);
  await cleanupOf(ctx, row);
  return row.id;
}

async function runAs(ctx: AppContext, row: TaskRow, owner: Actor, progress: Progress): Promise<TaskOutcome> {
  const params = row.params as Record<string, unknown>;
  const denied = () =>
    new AppError('FORBIDDEN', { zh: '任务所有者已没有执行该任务的权限', en: 'The owner may no longer run this task' });
  if (row.kind === 'export') {
    const list = exportListOf(String(params.list));
    if (!list) throw new AppError('VALIDATION', { zh: '不支持的导出列表', en: 'Unknown export list' });
    if (!owner.permissions.has(list.permission)) throw denied();
    const filters = list.filters.parse(params.filters ?? {});
    const data = await list.export(ctx, owner, filters, progress);
    const today = chinaDate(ctx.clock.now());
    return { file: { name: `${list.fileName}（${today}）.xlsx`, data } };
  }
  const def = taskKindOf(row.kind);
  if (!def) throw new AppError('VALIDATION', { zh: '不支持的任务类型', en: 'Unknown task kind' });
  if (!owner.permissions.has(def.permission)) throw denied();
  return def.run(ctx, owner, params, progress);
}

async function finish(
  ctx: AppContext,
  row: TaskRow,
  worker: string,
  owner: Actor | undefined,
  outcome: TaskOutcome | undefined,
  error: LocalText | undefined,
): Promise<void> {
  let fileKey: string | null = null;
  if (!error && outcome?.file) {
    fileKey = `tasks/${row.id}/${randomUUID()}.xlsx`;
    await ctx.files.put(fileKey, outcome.file.data);
  }
  const now = ctx.clock.now();
  const done = await ctx.db.transaction(async (tx) => {
    const ended = await finishTaskRow(
      tx,
      row.id,
      worker,
      error
        ? { status: 'failed', finishedAt: now, heartbeatAt: now, errorZh: error.zh, errorEn: error.en }
        : {
            status: 'done',
            finishedAt: now,
            heartbeatAt: now,
            resultFileKey: fileKey,
            resultFileName: outcome?.file?.name ?? null,
            result: outcome?.report ?? null,
          },
    );
    if (!ended) return undefined;
    await notifyOwner(tx, ended, now);
    await recordAudit(
      tx,
      owner ? auditActorOf(owner) : SYSTEM_ACTOR,
      {
        entity: 'task',
        entityId: String(row.id),
        action: error ? 'fail' : 'finish',
        after: error ? { error: error.zh } : { file: outcome?.file?.name ?? null, rows: ended.total },
      },
      now,
    );
    return ended;
  });
  // Recovered as failed by another server while we ran: our file is nobody's.
  if (!done && fileKey) await ctx.files.delete(fileKey);
}

async function notifyOwner(tx: Parameters<typeof notifyUsers>[0], row: TaskRow, at: Date): Promise<void> {
  const zh = taskTitle(row, 'zh');
  const en = taskTitle(row, 'en');
  const ok = row.status === 'done';
  await notifyUsers(
    tx,
    [row.ownerUserId],
    {
      kind: ok ? 'task.done' : 'task.failed',
      title: ok ? { zh: `${zh}已完成`, en: `${en}: done` } : { zh: `${zh}失败`, en: `${en}: failed` },
      body: ok
        ? { zh: '结果在任务中心，点击查看', en: 'The result waits in the task center' }
        : { zh: row.errorZh ?? '', en: row.errorEn ?? '' },
      link: `/tasks?id=${row.id}`,
      entity: 'task',
      entityId: row.id,
    },
    at,
  );
}

async function cleanupOf(ctx: AppContext, row: TaskRow): Promise<void> {
  const def = taskKindOf(row.kind);
  if (!def?.cleanup) return;
  try {
    await def.cleanup(ctx, row.params as Record<string, unknown>);
  } catch (err) {
    ctx.log.warn({ err, taskId: row.id }, 'task cleanup failed');
  }
}

export interface TaskWorker {
  stop(): Promise<void>;
}

/**
 * The in-process worker: fails stale tasks, then runs queued ones one at a time; looks again every
 * `pollMs` or when this process queues a task. XIANFENG_TASKS=off starts nothing (another server runs them).
 */
export function startTaskWorker(ctx: AppContext, opts: { pollMs?: number } = {}): TaskWorker {
  if (!ctx.config.tasks) {
    ctx.log.info('task worker off in this process (XIANFENG_TASKS=off)');
    return { stop: async () => undefined };
  }
  const id = workerId();
  const pollMs = opts.pollMs ?? 2_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let kick: (() => void) | undefined;
  const off = onTaskWake(() => kick?.());
  const loop = (async () => {
    while (!stopped) {
      try {
        await recoverStaleTasks(ctx);
        while (!stopped && (await runNextTask(ctx, id)) !== undefined);
      } catch (err) {
        ctx.log.error({ err }, 'task worker error');
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        kick = resolve;
        timer = setTimeout(resolve, pollMs);
        timer.unref();
      });
      kick = undefined;
      clearTimeout(timer);
    }
  })();
  return {
    async stop() {
      stopped = true;
      off();
      kick?.();
      await loop;
    },
  };
}
