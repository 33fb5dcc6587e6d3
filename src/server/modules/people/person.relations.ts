import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { people, personParticipations } from '../../db/schema/index.js';
import type { IsoDate } from '../../../domain/dates.js';
import { writePersonEvent } from './people.service.js';

/**
 * The writes a party organisation's life needs on the people module's tables (people,
 * person_events, person_participations). The orgs module calls them inside its own transaction
 * (`tx`) and audits there; every timeline line goes through `writePersonEvent`.
 */

interface OrgRef {
  id: number;
  name: string;
}
interface Who {
  today: IsoDate;
  now: Date;
  userId: number | null;
}

/**
 * Moves the relation of each member to its destination (only members whose relation is still at
 * `from`), one UPDATE per destination, and writes a "relation moved" line on each timeline.
 */
export async function moveRelations(
  tx: Tx,
  moves: Array<{ personId: number; to: OrgRef & { path: string } }>,
  from: OrgRef,
  why: { zh: string; en: string },
  who: Who,
): Promise<void> {
  const byDest = new Map<number, { to: OrgRef & { path: string }; ids: number[] }>();
  for (const m of moves) {
    const g = byDest.get(m.to.id) ?? { to: m.to, ids: [] };
    g.ids.push(m.personId);
    byDest.set(m.to.id, g);
  }
  for (const { to, ids } of byDest.values()) {
    await tx
      .update(people)
      .set({ relationOrgUnitId: to.id, orgPath: to.path, version: sql`${people.version} + 1`, updatedAt: who.now })
      .where(and(inArray(people.id, ids), eq(people.relationOrgUnitId, from.id)));
  }
  for (const m of moves)
    await writePersonEvent(tx, {
      personId: m.personId,
      kind: 'relation_moved',
      on: who.today,
      text: {
        zh: `组织关系由「${from.name}」转入「${m.to.name}」（${why.zh}）`,
        en: `Relation moved from ${from.name} to ${m.to.name} (${why.en})`,
      },
      data: { fromOrgUnitId: from.id, toOrgUnitId: m.to.id },
      byUserId: who.userId,
      at: who.now,
    });
}

/** An org was transformed and keeps its node: each member holding the relation there gets a timeline line. */
export async function noteOrgTransformed(
  tx: Tx,
  orgId: number,
  text: { zh: string; en: string },
  data: unknown,
  who: Who,
): Promise<void> {
  const members = await tx.select({ id: people.id }).from(people).where(eq(people.relationOrgUnitId, orgId));
  for (const m of members)
    await writePersonEvent(tx, {
      personId: m.id,
      kind: 'org_transformed',
      on: who.today,
      text,
      data,
      byUserId: who.userId,
      at: who.now,
    });
}

/** An org stops: every open participation in it ends today. */
export async function endParticipationsIn(tx: Tx, orgId: number, today: IsoDate): Promise<void> {
  await tx
    .update(personParticipations)
    .set({ until: today })
    .where(and(eq(personParticipations.orgUnitId, orgId), isNull(personParticipations.until)));
}

/**
 * 双向管理: the party members (full or probationary) working at the given projects or firms take part
 * in the org `orgId` from today; their relations stay where they are.
 */
export async function enrolWorkingMembers(
  tx: Tx,
  orgId: number,
  at: { projectIds: number[]; firmIds: number[] },
  today: IsoDate,
): Promise<void> {
  const working = await tx
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        inArray(people.politicalStatus, ['full', 'probationary']),
        or(
          at.projectIds.length ? inArray(people.projectId, at.projectIds) : undefined,
          at.firmIds.length ? inArray(people.employerUnitId, at.firmIds) : undefined,
        ),
      ),
    );
  if (working.length)
    await tx
      .insert(personParticipations)
      .values(working.map((w) => ({ personId: w.id, orgUnitId: orgId, role: 'participant', since: today })));
}
