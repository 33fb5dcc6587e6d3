import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog, type AuditRow } from '../../db/schema/index.js';
import { offsetOf, type PageQuery } from '../../http/pagination.js';
import type { Actor } from '../../actor.js';

type ScopedActor = Pick<Actor, 'scope'>;

/** An auditor at a root node (one level deep) also sees system and anonymous rows. */
const isRoot = (a: ScopedActor) => a.scope.path.split('/').filter(Boolean).length === 1;

export interface AuditFilter extends PageQuery {
  q?: string | undefined;
  actor?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  /** China dates, both ends included. */
  from?: string | undefined;
  to?: string | undefined;
}

function chinaDayStart(d: string): string {
  return `${d}T00:00:00+08:00`;
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/**
 * Audit rows visible to an auditor scoped at `scopePath`: rows written by actors inside that subtree.
 * An auditor at a root node also sees system and anonymous rows (failed logins).
 */
function whereOf(scopePath: string, isRoot: boolean, f: Omit<AuditFilter, 'page' | 'pageSize'>): SQL | undefined {
  const conds: Array<SQL | undefined> = [];
  if (!isRoot) conds.push(sql`${auditLog.scopePath} like ${`${scopePath}%`}`);
  if (f.actor) conds.push(eq(auditLog.actorName, f.actor));
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.from) conds.push(gte(auditLog.at, new Date(chinaDayStart(f.from))));
  if (f.to) conds.push(lt(auditLog.at, new Date(chinaDayStart(nextDay(f.to)))));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        ilike(auditLog.actorName, like),
        ilike(auditLog.entity, like),
        ilike(auditLog.action, like),
        ilike(auditLog.ip, like),
        sql`${auditLog.after}::text ilike ${like}`,
        sql`${auditLog.before}::text ilike ${like}`,
      ),
    );
  }
  return and(...conds);
}

export async function searchAudit(
  db: Executor,
  actor: ScopedActor,
  f: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = whereOf(actor.scope.path, isRoot(actor), f);
  const [rows, [count]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(f.pageSize).offset(offsetOf(f)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findAudit(db: Executor, actor: ScopedActor, id: number): Promise<AuditRow | undefined> {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.id, id), whereOf(actor.scope.path, isRoot(actor), {})));
  return row;
}

export async function distinctValues(db: Executor, column: 'entity' | 'action'): Promise<string[]> {
  const col = column === 'entity' ? auditLog.entity : auditLog.action;
  const rows = await db.selectDistinct({ v: col }).from(auditLog).orderBy(col).limit(500);
  return rows.map((r) => r.v);
}
