import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { projectHistory } from '../../db/schema/index.js';
import type { Actor, AuditActor } from '../../actor.js';
import { projectIdVisibleTo } from './project.scope.js';
import type { LocalText } from '../../errors.js';

export type HistoryKind =
  | 'registered'
  | 'updated'
  | 'stage'
  | 'node_added'
  | 'node_plan'
  | 'node_expected'
  | 'node_actual'
  | 'node_updated'
  | 'progress'
  | 'investment'
  | 'warning'
  | 'approval'
  | 'dispatch';

export interface HistoryEntry {
  projectId: number;
  kind: HistoryKind;
  text: LocalText;
  before?: unknown;
  after?: unknown;
}

/** Appends to projects' histories (inside the caller's transaction): what changed, in words, with before/after. */
export async function writeHistory(db: Executor, who: AuditActor, at: Date, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(projectHistory).values(
    entries.map((e) => ({
      projectId: e.projectId,
      at,
      actorId: who.userId,
      actorName: who.name,
      kind: e.kind,
      zh: e.text.zh,
      en: e.text.en,
      before: e.before ?? null,
      after: e.after ?? null,
    })),
  );
}

/** A project's history, if the actor may see the project (else empty). */
export async function listHistory(
  db: Executor,
  actor: Actor,
  projectId: number,
  opts: { kind?: string | undefined; page: number; pageSize: number },
) {
  const where = and(
    eq(projectHistory.projectId, projectId),
    projectIdVisibleTo(actor, projectId),
    opts.kind ? eq(projectHistory.kind, opts.kind) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(projectHistory)
      .where(where)
      .orderBy(desc(projectHistory.id))
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(projectHistory)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}
