import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { personParticipations } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/audit.writer.js';
import type { IsoDate } from '../../../domain/dates.js';
import { requirePerson, requireRelationOrg } from './person.access.js';
import { writePersonEvent } from './person.events.js';
import { getPerson } from './person.detail.js';
import type { PersonDetail } from '../../../shared/api/people.js';
import { findParticipation, openParticipation } from './people.repository.js';

const ROLE_ZH: Record<string, string> = {
  participant: '参与',
  secretary: '书记',
  deputy_secretary: '副书记',
  committee_member: '委员',
  group_leader: '党小组长',
};

/** 双向管理: the person takes part in another org (in the actor's scope) with a role. */
export async function addParticipation(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { orgUnitId: number; role: string; since: IsoDate },
): Promise<PersonDetail> {
  const now = ctx.clock.now();
  const row = await requirePerson(ctx, actor, id);
  const org = await requireRelationOrg(ctx.db, actor, input.orgUnitId, '参与党组织');
  if (org.id === row.person.relationOrgUnitId)
    throw invalid({ zh: '参与党组织：组织关系已在该党组织', en: 'The relation is already held by this org' });
  await ctx.db.transaction(async (tx) => {
    const open = await openParticipation(tx, actor, id, org.id);
    if (open) throw conflict({ zh: '已在该党组织参与活动', en: 'Already taking part in this org' });
    const [p] = await tx
      .insert(personParticipations)
      .values({ personId: id, orgUnitId: org.id, role: input.role, since: input.since })
      .returning();
    await writePersonEvent(tx, {
      personId: id,
      kind: 'participation',
      on: input.since,
      text: {
        zh: `在「${org.name}」参加组织生活（${ROLE_ZH[input.role] ?? input.role}）`,
        en: `Takes part in ${org.name} (${input.role})`,
      },
      byUserId: actor.userId,
      at: now,
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'person_participation', entityId: p?.id ?? null, action: 'participate', after: p },
      now,
    );
  });
  return getPerson(ctx, actor, id);
}

export async function endParticipation(
  ctx: AppContext,
  actor: Actor,
  id: number,
  participationId: number,
  until: IsoDate,
): Promise<PersonDetail> {
  const now = ctx.clock.now();
  await requirePerson(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    const p = await findParticipation(tx, actor, id, participationId);
    if (!p) throw notFound({ zh: '参与记录', en: 'Participation' });
    if (p.until) throw conflict({ zh: '该参与已结束', en: 'Already ended' });
    if (until < p.since) throw invalid({ zh: '结束日期：不能早于起始日期', en: 'until: before since' });
    await tx.update(personParticipations).set({ until }).where(eq(personParticipations.id, participationId));
    await writePersonEvent(tx, {
      personId: id,
      kind: 'participation_end',
      on: until,
      text: { zh: '结束双向管理参与', en: 'Participation ended' },
      byUserId: actor.userId,
      at: now,
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'person_participation',
        entityId: participationId,
        action: 'end_participation',
        before: p,
        after: { ...p, until },
      },
      now,
    );
  });
  return getPerson(ctx, actor, id);
}
