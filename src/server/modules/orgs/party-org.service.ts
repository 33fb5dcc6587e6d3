import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor, Tx } from '../../db/client.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import {
  orgOfficers,
  orgSetupTasks,
  orgUnits,
  partyOrgCoverage,
  partyOrgs,
  people,
  personEvents,
  personParticipations,
  projects,
  type OrgUnitRow,
} from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { chinaDate } from '../../../domain/dates.js';
import { nextElection } from '../../../domain/org-rules.js';
import { placementError } from '../../../domain/org-placement.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import { findUnitInScope, insertUnit } from './org.repository.js';
import {
  activePartyUnits,
  communityOrgs,
  isPartyKind,
  loadPartyDetails,
  previousOrgs,
  townshipPartyOrgs,
} from './party-org.repository.js';
import { presentOrg } from './org.presenter.js';
import { reopenedDueOn, unbindProjectsOf } from './party-org.unbind.js';

const ORG = { zh: '组织', en: 'Organisation' };

export interface OfficerInput {
  personId: number;
  role: 'secretary' | 'deputy_secretary' | 'committee_member';
}
export interface CoveredInput {
  kind: 'project' | 'unit';
  id: number;
}
export interface PartyOrgInput {
  name?: string | undefined;
  establishedOn?: string | null | undefined;
  docNo?: string | null | undefined;
  termYears?: number | null | undefined;
  termStartedOn?: string | null | undefined;
  nextElectionOn?: string | null | undefined;
  projectId?: number | null | undefined;
  covered?: CoveredInput[] | undefined;
  officers?: OfficerInput[] | undefined;
}
export interface CreatePartyOrgInput extends PartyOrgInput {
  parentId: number;
  kind: OrgKind;
  name: string;
}

async function requirePartyOrg(db: Executor, actor: Actor, id: number): Promise<OrgUnitRow> {
  const unit = await findUnitInScope(db, actor.scope.path, id);
  if (!unit || !isPartyKind(unit.kind)) throw notFound(ORG);
  return unit;
}

/** Checks that covered projects/units and officers lie in the actor's scope (out of scope → 404). */
async function checkRefs(db: Executor, actor: Actor, input: PartyOrgInput): Promise<void> {
  const projectIds = [
    ...(input.covered ?? []).filter((c) => c.kind === 'project').map((c) => c.id),
    ...(input.projectId ? [input.projectId] : []),
  ];
  if (projectIds.length) {
    const rows = await db
      .select({ id: projects.id })
      .from(projects)
      .innerJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
      .where(and(inArray(projects.id, projectIds), inSubtree(orgUnits.path, actor.scope.path)));
    if (new Set(rows.map((r) => r.id)).size !== new Set(projectIds).size)
      throw notFound({ zh: '覆盖的项目', en: 'Covered project' });
  }
  const unitIds = (input.covered ?? []).filter((c) => c.kind === 'unit').map((c) => c.id);
  if (unitIds.length) {
    const rows = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(inArray(orgUnits.id, unitIds), inSubtree(orgUnits.path, actor.scope.path)));
    if (new Set(rows.map((r) => r.id)).size !== new Set(unitIds).size)
      throw notFound({ zh: '覆盖的单位', en: 'Covered unit' });
  }
  const personIds = (input.officers ?? []).map((o) => o.personId);
  if (personIds.length) {
    const rows = await db
      .select({ id: people.id })
      .from(people)
      .where(and(inArray(people.id, personIds), inSubtree(people.orgPath, actor.scope.path)));
    if (new Set(rows.map((r) => r.id)).size !== new Set(personIds).size) throw notFound({ zh: '委员', en: 'Officer' });
  }
}

/** Closes the 三同步 "set up the branch" tasks of projects now covered by `orgId`. */
export async function closeSetupTasks(tx: Tx, projectIds: number[], orgId: number, today: string): Promise<void> {
  if (projectIds.length === 0) return;
  await tx
    .update(orgSetupTasks)
    .set({
      status: 'done',
      doneOn: today,
      orgUnitId: orgId,
      // 三同步 pairs the branch secretary with the project manager
      secretaryPersonId: sql`coalesce(${orgSetupTasks.secretaryPersonId}, (select o.person_id from org_officers o where o.org_unit_id = ${orgId} and o.role = 'secretary' and o.until is null order by o.id limit 1))`,
    })
    .where(and(inArray(orgSetupTasks.projectId, projectIds), eq(orgSetupTasks.status, 'open')));
}

export async function writeCoverage(tx: Tx, orgId: number, covered: CoveredInput[], today: string): Promise<void> {
  const current = await tx
    .select()
    .from(partyOrgCoverage)
    .where(and(eq(partyOrgCoverage.orgUnitId, orgId), isNull(partyOrgCoverage.until)));
  const key = (k: string, id: number | null) => `${k}:${id}`;
  const want = new Set(covered.map((c) => key(c.kind, c.id)));
  const have = new Set(current.map((c) => key(c.targetKind, c.projectId ?? c.coveredUnitId)));
  const ended = current.filter((c) => !want.has(key(c.targetKind, c.projectId ?? c.coveredUnitId))).map((c) => c.id);
  if (ended.length) await tx.update(partyOrgCoverage).set({ until: today }).where(inArray(partyOrgCoverage.id, ended));
  const added = covered.filter((c) => !have.has(key(c.kind, c.id)));
  if (added.length)
    await tx.insert(partyOrgCoverage).values(
      added.map((c) => ({
        orgUnitId: orgId,
        targetKind: c.kind,
        projectId: c.kind === 'project' ? c.id : null,
        coveredUnitId: c.kind === 'unit' ? c.id : null,
        since: today,
      })),
    );
  const projectIds = covered.filter((c) => c.kind === 'project').map((c) => c.id);
  if (projectIds.length) {
    await tx
      .update(projects)
      .set({ partyBranchUnitId: orgId })
      .where(and(inArray(projects.id, projectIds), isNull(projects.partyBranchUnitId)));
    await closeSetupTasks(tx, projectIds, orgId, today);
  }
}

async function writeOfficers(
  tx: Tx,
  orgId: number,
  officers: OfficerInput[],
  appointed: boolean,
  today: string,
): Promise<void> {
  const current = await tx
    .select()
    .from(orgOfficers)
    .where(and(eq(orgOfficers.orgUnitId, orgId), isNull(orgOfficers.until)));
  const key = (p: number, r: string) => `${p}:${r}`;
  const want = new Set(officers.map((o) => key(o.personId, o.role)));
  const ended = current.filter((c) => !want.has(key(c.personId, c.role))).map((c) => c.id);
  if (ended.length) await tx.update(orgOfficers).set({ until: today }).where(inArray(orgOfficers.id, ended));
  const have = new Set(current.map((c) => key(c.personId, c.role)));
  const added = officers.filter((o) => !have.has(key(o.personId, o.role)));
  if (added.length)
    await tx
      .insert(orgOfficers)
      .values(added.map((o) => ({ orgUnitId: orgId, personId: o.personId, role: o.role, appointed, since: today })));
}

async function snapshot(db: Executor, unitId: number) {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
  const details = await loadPartyDetails(db, unit ? [unit] : []);
  return unit ? { ...presentOrg(unit), party: details.get(unit.id) ?? null } : null;
}

/** 新建党组织: the tree node, its details, covered units and officers, audited, in one transaction. */
export async function createPartyOrg(ctx: AppContext, actor: Actor, input: CreatePartyOrgInput): Promise<number> {
  if (!isPartyKind(input.kind))
    throw invalid({ zh: '组织类型：必须是党组织类型', en: 'kind: must be a party organisation kind' });
  const parent = await findUnitInScope(ctx.db, actor.scope.path, input.parentId);
  if (!parent) throw notFound({ zh: '上级组织', en: 'Parent unit' });
  const misplaced = placementError(input.kind, parent.kind as OrgKind);
  if (misplaced) throw invalid(misplaced);
  await checkRefs(ctx.db, actor, input);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const who = auditActorOf(actor);
  return ctx.db.transaction(async (tx) => {
    const unit = await insertUnit(tx, {
      parentId: parent.id,
      kind: input.kind,
      name: input.name,
      pinyin: pinyinKey(input.name),
    });
    const termStartedOn = input.termStartedOn ?? input.establishedOn ?? null;
    await tx.insert(partyOrgs).values({
      unitId: unit.id,
      establishedOn: input.establishedOn ?? today,
      docNo: input.docNo ?? null,
      termYears: input.kind === 'temp_branch' ? null : (input.termYears ?? 3),
      termStartedOn: input.kind === 'temp_branch' ? null : (termStartedOn ?? today),
      nextElectionOn:
        input.kind === 'temp_branch'
          ? null
          : (input.nextElectionOn ?? nextElection(termStartedOn ?? today, input.termYears ?? 3)),
      projectId: input.projectId ?? null,
      updatedAt: now,
    });
    const covered = [...(input.covered ?? [])];
    if (input.projectId && !covered.some((c) => c.kind === 'project' && c.id === input.projectId))
      covered.push({ kind: 'project', id: input.projectId });
    await writeOfficers(tx, unit.id, input.officers ?? [], input.kind === 'temp_branch', today);
    await writeCoverage(tx, unit.id, covered, today);
    await recordAudit(
      tx,
      who,
      { entity: 'party_org', entityId: unit.id, action: 'create', after: await snapshot(tx, unit.id) },
      now,
    );
    return unit.id;
  });
}

/** Edits details, covered units and officers (optimistic `version`). */
export async function updatePartyOrg(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: PartyOrgInput & { version?: number | undefined },
): Promise<void> {
  const unit = await requirePartyOrg(ctx.db, actor, id);
  await checkRefs(ctx.db, actor, input);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const before = await snapshot(tx, id);
    let [det] = await tx.select().from(partyOrgs).where(eq(partyOrgs.unitId, id));
    if (!det) [det] = await tx.insert(partyOrgs).values({ unitId: id, updatedAt: now }).returning();
    if (det?.status !== 'active') throw conflict({ zh: '组织已撤销，不能修改', en: 'The organisation is closed' });
    if (input.version !== undefined && input.version !== det.version)
      throw conflict({ zh: '组织信息已被他人修改，请刷新后重试', en: 'Changed by someone else; reload' });
    const termYears = input.termYears === undefined ? det.termYears : input.termYears;
    const termStartedOn = input.termStartedOn === undefined ? det.termStartedOn : input.termStartedOn;
    const nextElectionOn =
      input.nextElectionOn !== undefined
        ? input.nextElectionOn
        : input.termYears !== undefined || input.termStartedOn !== undefined
          ? nextElection(termStartedOn, termYears)
          : det.nextElectionOn;
    await tx
      .update(partyOrgs)
      .set({
        ...(input.establishedOn !== undefined ? { establishedOn: input.establishedOn } : {}),
        ...(input.docNo !== undefined ? { docNo: input.docNo } : {}),
        ...(input.projectId !== undefined ? { projectId: input.projectId } : {}),
        termYears,
        termStartedOn,
        nextElectionOn,
        version: sql`${partyOrgs.version} + 1`,
        updatedAt: now,
      })
      .where(eq(partyOrgs.unitId, id));
    if (input.name && input.name !== unit.name)
      await tx
        .update(orgUnits)
        .set({ name: input.name, pinyin: pinyinKey(input.name), updatedAt: now })
        .where(eq(orgUnits.id, id));
    if (input.officers) await writeOfficers(tx, id, input.officers, unit.kind === 'temp_branch', today);
    if (input.covered) await writeCoverage(tx, id, input.covered, today);
    await recordAudit(
      tx,
      who,
      { entity: 'party_org', entityId: id, action: 'update', before, after: await snapshot(tx, id) },
      now,
    );
  });
}

export interface ClosePlanMember {
  personId: number;
  name: string;
  politicalStatus: string;
  proposed: { orgUnitId: number; name: string; why: 'home' | 'previous' } | null;
  options: Array<{ orgUnitId: number; name: string; why: 'home' | 'previous' | 'township' }>;
}

export interface ClosePlan {
  orgUnitId: number;
  name: string;
  members: ClosePlanMember[];
  /** members with no proposed destination: closing refuses until one is chosen for each */
  withoutDestination: Array<{ personId: number; name: string }>;
  participants: number;
  fallbacks: Array<{ orgUnitId: number; name: string }>;
}

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

async function moveRelations(
  tx: Tx,
  moves: Array<{ personId: number; to: OrgUnitRow }>,
  from: OrgUnitRow,
  today: string,
  now: Date,
  userId: number | null,
  why: { zh: string; en: string },
): Promise<void> {
  // one UPDATE per destination, not per member
  const byDest = new Map<number, { to: OrgUnitRow; ids: number[] }>();
  for (const m of moves) {
    const g = byDest.get(m.to.id) ?? { to: m.to, ids: [] };
    g.ids.push(m.personId);
    byDest.set(m.to.id, g);
  }
  for (const { to, ids } of byDest.values()) {
    await tx
      .update(people)
      .set({ relationOrgUnitId: to.id, orgPath: to.path, version: sql`${people.version} + 1`, updatedAt: now })
      .where(and(inArray(people.id, ids), eq(people.relationOrgUnitId, from.id)));
  }
  if (moves.length)
    await tx.insert(personEvents).values(
      moves.map((m) => ({
        personId: m.personId,
        kind: 'relation_moved',
        on: today,
        text: {
          zh: `组织关系由「${from.name}」转入「${m.to.name}」（${why.zh}）`,
          en: `Relation moved from ${from.name} to ${m.to.name} (${why.en})`,
        },
        data: { fromOrgUnitId: from.id, toOrgUnitId: m.to.id },
        byUserId: userId,
        at: now,
      })),
    );
}

/** Ends what binds people and units to an org that stops: participations, officers, coverage links. */
async function endBindings(tx: Tx, id: number, today: string): Promise<void> {
  await tx
    .update(personParticipations)
    .set({ until: today })
    .where(and(eq(personParticipations.orgUnitId, id), isNull(personParticipations.until)));
  await tx
    .update(orgOfficers)
    .set({ until: today })
    .where(and(eq(orgOfficers.orgUnitId, id), isNull(orgOfficers.until)));
  await tx
    .update(partyOrgCoverage)
    .set({ until: today })
    .where(and(eq(partyOrgCoverage.orgUnitId, id), isNull(partyOrgCoverage.until)));
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
    await moveRelations(tx, moves, unit, today, now, actor.userId, { zh: '原组织撤销', en: 'the organisation closed' });
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

export const TRANSFORM_INTO = {
  business_district: { zh: '商圈', en: 'business district' },
  building: { zh: '楼宇', en: 'building' },
  community: { zh: '社区', en: 'community' },
} as const;
export type TransformInto = keyof typeof TRANSFORM_INTO;

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
    const members = await tx.select({ id: people.id }).from(people).where(eq(people.relationOrgUnitId, id));
    if (members.length)
      await tx.insert(personEvents).values(
        members.map((m) => ({
          personId: m.id,
          kind: 'org_transformed',
          on: today,
          text: {
            zh: `「${unit.name}」转型为${TRANSFORM_INTO[input.into].zh}党支部「${input.name}」，组织关系随之保留`,
            en: `${unit.name} became the ${TRANSFORM_INTO[input.into].en} branch ${input.name}; the relation stays`,
          },
          data: { orgUnitId: id, into: input.into },
          byUserId: actor.userId,
          at: now,
        })),
      );
    await recordAudit(
      tx,
      who,
      { entity: 'party_org', entityId: id, action: 'transform', before, after: await snapshot(tx, id) },
      now,
    );
  });
}
