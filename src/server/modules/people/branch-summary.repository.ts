import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../actor.js';
import { people, personParticipations } from '../../db/schema/index.js';

/**
 * The members of the actor's own party organisation (its relation held there), by status, and the
 * members of other organisations taking part in it (双向管理), for the branch secretary's home.
 */
export async function branchMemberCounts(db: Executor, actor: Actor, today: string) {
  const [m] = await db
    .select({
      full: sql<number>`count(*) filter (where ${people.politicalStatus} = 'full')::int`,
      probationary: sql<number>`count(*) filter (where ${people.politicalStatus} = 'probationary')::int`,
    })
    .from(people)
    .where(eq(people.relationOrgUnitId, actor.scope.unitId));
  const [p] = await db
    .select({ n: sql<number>`count(distinct ${personParticipations.personId})::int` })
    .from(personParticipations)
    .innerJoin(people, eq(people.id, personParticipations.personId))
    .where(
      and(
        eq(personParticipations.orgUnitId, actor.scope.unitId),
        eq(personParticipations.role, 'participant'),
        or(isNull(personParticipations.until), sql`${personParticipations.until} >= ${today}`),
        sql`${people.relationOrgUnitId} is distinct from ${actor.scope.unitId}`,
      ),
    );
  return { full: m?.full ?? 0, probationary: m?.probationary ?? 0, participants: p?.n ?? 0 };
}
