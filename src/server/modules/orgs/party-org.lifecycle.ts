import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, conflict, invalid } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import {
  orgUnits,
  partyOrgCoverage,
  partyOrgs,
  people,
  personParticipations,
  type OrgUnitRow,
} from '../../db/schema/index.js';
import { chinaDate } from '../../../domain/dates.js';
import { nextElection } from '../../../domain/org-rules.js';
import { placementError } from '../../../domain/org-placement.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import { TRANSFORM_INTO, type ClosePlan, type ClosePlanMember, type TransformInto } from '../../../shared/api/orgs.js';
import { moveRelations, noteOrgTransformed } from '../people/index.js';
import { activePartyUnits, communityOrgs, previousOrgs, townshipPartyOrgs } from './party-org.repository.js';
import { requirePartyOrg, snapshot } from './party-org.details.js';
import { endBindings } from './party-org.binding.js';
import { reopenedDueOn, unbindProjectsOf } from './party-org.unbind.js';

/* Party-org life cycle: the close plan, 撤销 (close) and 转型 (transform). */

/**
 * 撤销方案: for every member holding the relation here, where it may go — the party org of the home
 * community (people.home_unit_id), the org it came from (person_events), or, to pick by hand, the
 * township's party committee.
 */
export async function closePlan(db: Executor, actor: Actor, id: number): Promise<ClosePlan> {
  const unit = await requirePartyOrg(db, actor, id);
  const members = await db
    .select({ id: people.id, name: people.name, status: people.politicalStatus, homeUnitId: people.homeUnitId })
    .from(people)
    .where(eq(people.relationOrgUnitId, id))
    .orderBy(asc(people.pinyin), asc(people.id));
  const homes = await communityOrgs(db, [
    ...new Set(members.map((m) => m.homeUnitId).filter((x): x is number => x !== null)),
  ]);
  const prev = await previousOrgs(
    db,
    members.map((m) => m.id),
    id,
  );
  const okIds = new Set(
    (await activePartyUnits(db, [...[...homes.values()].map((h) => h.id), ...prev.values()], actor.scope.path))
      .filter((u) => u.id !== id && !u.path.startsWith(unit.path))
      .map((u) => u.id),
  );
  const names = new Map<number, string>();
  for (const h of homes.values()) names.set(h.id, h.name);
  if (prev.size)
    for (const u of await db
      .select({ id: orgUnits.id, name: orgUnits.name })
      .from(orgUnits)
      .where(inArray(orgUnits.id, [...prev.values()])))
      names.set(u.id, u.name);
  const fallbacks = (await townshipPartyOrgs(db, unit.path, actor.scope.path))
    .filter((f) => f.id !== id)
    .map((f) => ({ orgUnitId: f.id, name: f.name }));
  const [parts] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(personParticipations)
    .where(and(eq(personParticipations.orgUnitId, id), isNull(personParticipations.until)));
  const out: ClosePlanMember[] = members.map((m) => {
    const options: ClosePlanMember['options'] = [];
    const home = m.homeUnitId !== null ? homes.get(m.homeUnitId) : undefined;
    if (home && okIds.has(home.id)) options.push({ orgUnitId: home.id, name: home.name, why: 'home' });
    const p = prev.get(m.id);
    if (p !== undefined && okIds.has(p) && !options.some((o) => o.orgUnitId === p))
      options.push({ orgUnitId: p, name: names.get(p) ?? '', why: 'previous' });
    const proposed = options[0]
      ? { orgUnitId: options[0].orgUnitId, name: options[0].name, why: options[0].why as 'home' | 'previous' }
      : null;
    for (const f of fallbacks)
      if (!options.some((o) => o.orgUnitId === f.orgUnitId)) options.push({ ...f, why: 'township' });
    return { personId: m.id, name: m.name, politicalStatus: m.status, proposed, options };
  });
  return {
    orgUnitId: id,
    name: unit.name,
    members: out,
    withoutDestination: out.filter((m) => !m.proposed).map((m) => ({ personId: m.personId, name: m.name })),
    participants: parts?.n ?? 0,
    fallbacks,
  };
}

/**
 * 撤销: every member's relation goes to the chosen destination, or else the proposed one; members
 * with neither are listed and nothing changes (422). Otherwise, in one transaction: relations move
 * (with a timeline line each), participations, officers and coverage end, the org is closed.
 */
export async function closePartyOrg(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { destinations?: Array<{ personId: number; orgUnitId: number }> | undefined; reason?: string | undefined },
): Promise<{ moved: number }> {
  const unit = await requirePartyOrg(ctx.db, actor, id);
  if (unit.closedAt) throw conflict({ zh: '组织已撤销', en: 'The organisation is already closed' });
  const [child] = await ctx.db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(like(orgUnits.path, `${unit.path}%`), sql`${orgUnits.id} <> ${id}`, isNull(orgUnits.closedAt)))
    .limit(1);
  if (child)
    throw new AppError('UNPROCESSABLE', {
      zh: '该组织还有未撤销的下级组织，请先处理下级组织',
      en: 'Close or move the organisations under it first',
    });
  const plan = await closePlan(ctx.db, actor, id);
  const chosen = new Map((input.destinations ?? []).map((d) => [d.personId, d.orgUnitId]));
  for (const pid of chosen.keys())
    if (!plan.members.some((m) => m.personId === pid))
      throw invalid({ zh: `去向：${pid} 不是本组织的党员`, en: `destinations: ${pid} is not a member here` });
  const destIds = [
    ...new Set(
      plan.members
        .map((m) => chosen.get(m.personId) ?? m.proposed?.orgUnitId)
        .filter((x): x is number => x !== undefined),
    ),
  ];
  const dests = new Map(
    (await activePartyUnits(ctx.db, destIds, actor.scope.path))
      .filter((u) => !u.path.startsWith(unit.path))
      .map((u) => [u.id, u]),
  );
  const moves: Array<{ personId: number; to: OrgUnitRow }> = [];
  const nowhere: Array<{ personId: number; name: string }> = [];
  for (const m of plan.members) {
    const to = dests.get(chosen.get(m.personId) ?? m.proposed?.orgUnitId ?? -1);
    if (to) moves.push({ personId: m.personId, to });
    else nowhere.push({ personId: m.personId, name: m.name });
  }
  if (nowhere.length)
    throw new AppError(
      'UNPROCESSABLE',
      {
        zh: `以下 ${nowhere.length} 名党员的组织关系没有去向，不能撤销：${nowhere.map((n) => n.name).join('、')}`,
        en: `${nowhere.length} members have nowhere to go: ${nowhere.map((n) => n.name).join(', ')}`,
      },
      { members: nowhere },
    );
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const who = auditActorOf(actor);
  const setupDueOn = await reopenedDueOn(ctx, today);
  let unbound: number[] = [];
  await ctx.db.transaction(async (tx) => {
    const before = await snapshot(tx, id);
    await moveRelations(
      tx,
      moves,
      unit,
      { zh: '原组织撤销', en: 'the organisation closed' },
      { today, now, userId: actor.userId },
    );
    const [left] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(people)
      .where(eq(people.relationOrgUnitId, id));
    if ((left?.n ?? 0) > 0)
      throw conflict({ zh: '撤销期间有党员转入本组织，请刷新后重试', en: 'Members joined meanwhile; reload' });
    unbound = await unbindProjectsOf(tx, who, unit, setupDueOn, now);
    await endBindings(tx, id, today);
    const [det] = await tx.select({ unitId: partyOrgs.unitId }).from(partyOrgs).where(eq(partyOrgs.unitId, id));
    if (det)
      await tx
        .update(partyOrgs)
        .set({
          status: 'closed',
          closedOn: today,
          closeReason: input.reason ?? null,
          version: sql`${partyOrgs.version} + 1`,
          updatedAt: now,
        })
        .where(eq(partyOrgs.unitId, id));
    else
      await tx
        .insert(partyOrgs)
        .values({ unitId: id, status: 'closed', closedOn: today, closeReason: input.reason ?? null, updatedAt: now });
    await tx.update(orgUnits).set({ closedAt: now, updatedAt: now }).where(eq(orgUnits.id, id));
    await recordAudit(
      tx,
      who,
      {
        entity: 'party_org',
        entityId: id,
        action: 'close',
        before,
        after: {
          ...(await snapshot(tx, id)),
          moved: moves.map((m) => ({ personId: m.personId, to: m.to.id })),
          setupTasksReopened: unbound,
        },
      },
      now,
    );
  });
  return { moved: moves.length };
}

/**
 * 转型: a temporary or joint branch whose project is completed becomes a 党支部 of a 商圈, 楼宇 or 社区;
 * it keeps its node, so every member keeps the one relation they have; project coverage ends.
 */
export async function transformPartyOrg(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { into: TransformInto; name: string },
): Promise<void> {
  const unit = await requirePartyOrg(ctx.db, actor, id);
  if (unit.closedAt) throw conflict({ zh: '组织已撤销，不能转型', en: 'The organisation is closed' });
  if (!['temp_branch', 'joint_branch', 'branch'].includes(unit.kind))
    throw new AppError('UNPROCESSABLE', {
      zh: `${ORG_KINDS[unit.kind as OrgKind].zh}不能转型为支部`,
      en: 'Only a branch can be transformed',
    });
  // a kind change is a placement too: the new 党支部 must sit where a 党支部 may
  const [parent] = unit.parentId
    ? await ctx.db.select({ kind: orgUnits.kind }).from(orgUnits).where(eq(orgUnits.id, unit.parentId))
    : [];
  const misplaced = parent ? placementError('branch', parent.kind as OrgKind) : null;
  if (misplaced) throw invalid(misplaced);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const before = await snapshot(tx, id);
    const [det] = await tx.select().from(partyOrgs).where(eq(partyOrgs.unitId, id));
    if (det && det.status !== 'active')
      throw conflict({ zh: '组织已撤销，不能转型', en: 'The organisation is closed' });
    await tx
      .update(orgUnits)
      .set({ kind: 'branch', name: input.name, pinyin: pinyinKey(input.name), updatedAt: now })
      .where(eq(orgUnits.id, id));
    await tx
      .update(partyOrgCoverage)
      .set({ until: today })
      .where(
        and(
          eq(partyOrgCoverage.orgUnitId, id),
          eq(partyOrgCoverage.targetKind, 'project'),
          isNull(partyOrgCoverage.until),
        ),
      );
    const fields = {
      transformedInto: input.into,
      projectId: null,
      termYears: det?.termYears ?? 3,
      termStartedOn: det?.termStartedOn ?? today,
      nextElectionOn: det?.nextElectionOn ?? nextElection(today, 3),
      updatedAt: now,
    };
    if (det)
      await tx
        .update(partyOrgs)
        .set({ ...fields, version: sql`${partyOrgs.version} + 1` })
        .where(eq(partyOrgs.unitId, id));
    else await tx.insert(partyOrgs).values({ unitId: id, ...fields });
    // officers of a temporary branch were appointed; the new branch elects its own at its first 换届
    await noteOrgTransformed(
      tx,
      id,
      {
        zh: `「${unit.name}」转型为${TRANSFORM_INTO[input.into].zh}党支部「${input.name}」，组织关系随之保留`,
        en: `${unit.name} became the ${TRANSFORM_INTO[input.into].en} branch ${input.name}; the relation stays`,
      },
      { orgUnitId: id, into: input.into },
      { today, now, userId: actor.userId },
    );
    await recordAudit(
      tx,
      who,
      { entity: 'party_org', entityId: id, action: 'transform', before, after: await snapshot(tx, id) },
      now,
    );
  });
}
