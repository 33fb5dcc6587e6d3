import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import {
  observationEvents,
  observationProjects,
  observationScores,
  orgUnits,
  projects,
} from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { projectVisibleTo } from '../projects/index.js';

/**
 * The queries of the observation tables, each scoped by the actor: an event is visible when its
 * organising unit lies in the actor's subtree; its projects and sheets only through a visible event,
 * and only for projects the actor may see.
 */
export type EventRecord = typeof observationEvents.$inferSelect;

const eventScope = (actor: Actor) =>
  sql`${observationEvents.unitId} in (select o.id from org_units o where ${inSubtree(sql`o.path`, actor.scope.path)})`;

const visibleEvent = (actor: Actor, id: number) =>
  sql`exists (select 1 from ${observationEvents} where ${observationEvents.id} = ${id} and ${eventScope(actor)})`;

export async function listEventRows(db: Executor, actor: Actor, f: { page: number; pageSize: number }) {
  const [rows, [count]] = await Promise.all([
    db
      .select({
        e: observationEvents,
        projects: sql<number>`(select count(*)::int from observation_projects p where p.event_id = observation_events.id)`,
      })
      .from(observationEvents)
      .where(eventScope(actor))
      .orderBy(desc(observationEvents.heldOn), desc(observationEvents.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(observationEvents)
      .where(eventScope(actor)),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findEvent(db: Executor, actor: Actor, id: number): Promise<EventRecord | undefined> {
  const [e] = await db
    .select()
    .from(observationEvents)
    .where(and(eq(observationEvents.id, id), eventScope(actor)));
  return e;
}

/** The event row locked for an update (the caller found it visible first, inside the same request). */
export async function lockEvent(tx: Executor, actor: Actor, id: number): Promise<EventRecord | undefined> {
  const [e] = await tx
    .select()
    .from(observationEvents)
    .where(and(eq(observationEvents.id, id), eventScope(actor)))
    .for('update');
  return e;
}

/** The visited projects of a visible event that the actor may see, in visiting order. */
export async function visitedProjects(db: Executor, actor: Actor, eventId: number) {
  return db
    .select({
      id: projects.id,
      name: projects.name,
      code: projects.code,
      township: orgUnits.name,
      colour: projects.warningColour,
    })
    .from(observationProjects)
    .innerJoin(projects, eq(projects.id, observationProjects.projectId))
    .leftJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
    .where(and(eq(observationProjects.eventId, eventId), visibleEvent(actor, eventId), projectVisibleTo(actor)))
    .orderBy(asc(observationProjects.seq));
}

/** Every sheet of a visible event (the caller keeps those of projects the actor may see). */
export async function sheetsOfEvent(db: Executor, actor: Actor, eventId: number) {
  return db
    .select()
    .from(observationScores)
    .where(and(eq(observationScores.eventId, eventId), visibleEvent(actor, eventId)))
    .orderBy(asc(observationScores.id));
}

export async function countSheets(tx: Executor, eventId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(observationScores)
    .where(eq(observationScores.eventId, eventId));
  return row?.n ?? 0;
}

/** Whether a project of a visible event was visited in it. */
export async function wasVisited(db: Executor, actor: Actor, eventId: number, projectId: number): Promise<boolean> {
  const [v] = await db
    .select({ eventId: observationProjects.eventId })
    .from(observationProjects)
    .where(
      and(
        eq(observationProjects.eventId, eventId),
        eq(observationProjects.projectId, projectId),
        visibleEvent(actor, eventId),
      ),
    );
  return Boolean(v);
}

export async function insertEvent(
  tx: Executor,
  values: typeof observationEvents.$inferInsert,
  projectIds: number[],
): Promise<number> {
  const [e] = await tx.insert(observationEvents).values(values).returning();
  const eventId = e?.id as number;
  if (projectIds.length)
    await tx
      .insert(observationProjects)
      .values([...new Set(projectIds)].map((projectId, seq) => ({ eventId, projectId, seq })));
  return eventId;
}

export async function setCriteria(tx: Executor, id: number, criteria: unknown, version: number): Promise<void> {
  await tx.update(observationEvents).set({ criteria, version }).where(eq(observationEvents.id, id));
}

export async function upsertSheet(tx: Executor, values: typeof observationScores.$inferInsert): Promise<void> {
  await tx
    .insert(observationScores)
    .values(values)
    .onConflictDoUpdate({
      target: [observationScores.eventId, observationScores.projectId, observationScores.scorerName],
      set: {
        scores: values.scores,
        total: values.total,
        comment: values.comment,
        enteredBy: values.enteredBy,
        enteredAt: values.enteredAt,
      },
    });
}
