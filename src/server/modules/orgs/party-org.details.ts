import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { orgUnits, partyOrgs, people, projects, type OrgUnitRow } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { chinaDate } from '../../../domain/dates.js';
import { nextElection } from '../../../domain/org-rules.js';
import { placementError } from '../../../domain/org-placement.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import type { OrgKind } from '../../../shared/org-kinds.js';
import { findUnitInScope, insertUnit } from './org.repository.js';
import { isPartyKind, loadPartyDetails } from './party-org.repository.js';
import { presentOrg } from './org.presenter.js';
import { writeCoverage, writeOfficers, type CoveredInput, type OfficerInput } from './party-org.binding.js';

/* Party-org details: create and edit an org with its details, covered units and officers. */

const ORG = { zh: '组织', en: 'Organisation' };

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

/** A party org in the actor's subtree, else 404. */
export async function requirePartyOrg(db: Executor, actor: Actor, id: number): Promise<OrgUnitRow> {
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

/** The org as audited: its node and its party details. */
export async function snapshot(db: Executor, unitId: number) {
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
