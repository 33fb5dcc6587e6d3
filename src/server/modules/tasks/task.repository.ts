import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../actor.js';
import type { Db, Executor } from '../../db/client.js';
import type { Lang } from '../../errors.js';
import { orgUnits, tasks, userRoles, users } from '../../db/schema/index.js';
import { permissionsOf } from '../../../shared/roles.js';
import { scopeKindOf, type OrgKind } from '../../../shared/org-kinds.js';
import type { RoleCode } from '../../../shared/roles.js';
import type { TaskStatus } from '../../../shared/api/tasks.js';

export type TaskRow = typeof tasks.$inferSelect;

export async function insertTask(tx: Executor, values: typeof tasks.$inferInsert): Promise<TaskRow> {
  const [row] = await tx.insert(tasks).values(values).returning();
  return row as TaskRow;
}

/** The actor's own tasks, newest first. A task is its owner's alone, whatever the actor's role. */
export async function listTasksOf(
  db: Db,
  actor: Actor,
  q: { status?: TaskStatus; page: number; pageSize: number },
): Promise<{ rows: TaskRow[]; total: number; active: number }> {
  const mine = eq(tasks.ownerUserId, actor.userId);
  const where = q.status ? and(mine, eq(tasks.status, q.status)) : mine;
  const rows = await db
    .select()
    .from(tasks)
    .where(where)
    .orderBy(desc(tasks.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [t] = await db.select({ n: count() }).from(tasks).where(where);
  const [a] = await db
    .select({ n: count() })
    .from(tasks)
    .where(and(mine, inArray(tasks.status, ['queued', 'running'])));
  return { rows, total: t?.n ?? 0, active: a?.n ?? 0 };
}

/** One of the actor's own tasks; someone else's reads as not found. */
export async function findTaskOf(db: Db, actor: Actor, id: number): Promise<TaskRow | undefined> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.ownerUserId, actor.userId)));
  return row;
}

/**
 * Takes the oldest queued task for `worker` in one statement: FOR UPDATE SKIP LOCKED lets N servers
 * claim side by side without taking the same row (PGlite has one connection: nothing to skip).
 */
export async function claimNextTask(db: Db, worker: string, now: Date): Promise<TaskRow | undefined> {
  const at = now.toISOString();
  const res = await db.execute(sql`
    update tasks set status = 'running', worker = ${worker}, started_at = ${at}::timestamptz,
      heartbeat_at = ${at}::timestamptz
    where id = (select id from tasks where status = 'queued' order by id for update skip locked limit 1)
      and status = 'queued'
    returning id`);
  const id = (res as unknown as { rows: Array<{ id: number }> }).rows[0]?.id;
  if (id === undefined) return undefined;
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

const runningBy = (id: number, worker: string) =>
  and(eq(tasks.id, id), eq(tasks.worker, worker), eq(tasks.status, 'running'));

/** Stores progress and beats the heartbeat; false when the task is no longer ours (recovered as failed). */
export async function saveProgress(
  db: Db,
  id: number,
  worker: string,
  p: { done?: number; total?: number | null; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(tasks)
    .set({
      heartbeatAt: p.at,
      ...(p.done === undefined ? {} : { done: p.done }),
      ...(p.total === undefined ? {} : { total: p.total }),
    })
    .where(runningBy(id, worker))
    .returning({ id: tasks.id });
  return rows.length > 0;
}

/** Records the end of our run; undefined when the task was no longer ours. */
export async function finishTaskRow(
  tx: Executor,
  id: number,
  worker: string,
  set: Partial<typeof tasks.$inferInsert> & { status: 'done' | 'failed'; finishedAt: Date },
): Promise<TaskRow | undefined> {
  const [row] = await tx.update(tasks).set(set).where(runningBy(id, worker)).returning();
  return row;
}

/** Whether any running task's heartbeat stopped before `before` (a cheap look before the transaction). */
export async function hasStaleTasks(db: Db, before: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.status, 'running'), lt(tasks.heartbeatAt, before)))
    .limit(1);
  return row !== undefined;
}

/** Running tasks whose heartbeat stopped before `before`: their server died or was stopped. */
export async function failStaleTasks(
  tx: Executor,
  before: Date,
  now: Date,
  error: { zh: string; en: string },
): Promise<TaskRow[]> {
  return tx
    .update(tasks)
    .set({ status: 'failed', finishedAt: now, errorZh: error.zh, errorEn: error.en })
    .where(and(eq(tasks.status, 'running'), lt(tasks.heartbeatAt, before)))
    .returning();
}

/**
 * The task owner as an actor, with the scope and roles the owner holds NOW (not when the task was
 * made): a task runs with today's rights. Undefined for a disabled or deleted account.
 */
export async function ownerActorOf(
  db: Db,
  userId: number,
  meta: { ip: string; requestId: string; lang: Lang },
): Promise<Actor | undefined> {
  const [u] = await db
    .select({
      username: users.username,
      displayName: users.displayName,
      disabled: users.disabled,
      unitId: orgUnits.id,
      path: orgUnits.path,
      kind: orgUnits.kind,
      name: orgUnits.name,
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
    .where(eq(users.id, userId));
  if (!u || u.disabled) return undefined;
  const roles = (await db.select({ code: userRoles.roleCode }).from(userRoles).where(eq(userRoles.userId, userId))).map(
    (r) => r.code as RoleCode,
  );
  return {
    userId,
    username: u.username,
    displayName: u.displayName,
    roles,
    permissions: permissionsOf(roles),
    scope: {
      unitId: u.unitId,
      path: u.path,
      kind: scopeKindOf(u.kind as OrgKind),
      unitKind: u.kind as OrgKind,
      name: u.name,
    },
    sessionId: '',
    ip: meta.ip,
    requestId: meta.requestId,
    lang: meta.lang,
  };
}
