import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  orgOfficers,
  orgUnits,
  partyOrgCoverage,
  partyOrgs,
  people,
  personEvents,
  personParticipations,
  projects,
  type OrgUnitRow,
} from '../../db/schema/index.js';
import { PARTY_ORG_KINDS } from '../../../shared/org-kinds.js';
import { inSubtree } from '../../scope.js';
import type { Actor } from '../../actor.js';

export const isPartyKind = (kind: string): boolean => (PARTY_ORG_KINDS as readonly string[]).includes(kind);

export interface OfficerView {
  id: number;
  personId: number;
  name: string;
  role: string;
  appointed: boolean;
  since: string;
}

export interface CoveredView {
  id: number;
  targetKind: 'project' | 'unit';
  targetId: number;
  name: string;
  since: string;
}

export interface PartyDetails {
  establishedOn: string | null;
  docNo: string | null;
  termYears: number | null;
  termStartedOn: string | null;
  nextElectionOn: string | null;
  projectId: number | null;
  status: string;
  transformedInto: string | null;
  closedOn: string | null;
  version: number;
  secretary: string | null;
  officers: OfficerView[];
  covered: CoveredView[];
  formalMembers: number;
  /** everyone holding the relation here (all statuses) */
  relationMembers: number;
  participants: number;
}

/** Details of the party orgs among `units`: one query per table, whatever the tree size. */
export async function loadPartyDetails(db: Executor, units: OrgUnitRow[]): Promise<Map<number, PartyDetails>> {
  const ids = units.filter((u) => isPartyKind(u.kind)).map((u) => u.id);
  const out = new Map<number, PartyDetails>();
  if (ids.length === 0) return out;
  // one after another: inside a transaction the executor is one connection
  const details = await db.select().from(partyOrgs).where(inArray(partyOrgs.unitId, ids));
  const officers = await db
    .select({
      id: orgOfficers.id,
      orgUnitId: orgOfficers.orgUnitId,
      personId: orgOfficers.personId,
      name: people.name,
      role: orgOfficers.role,
      appointed: orgOfficers.appointed,
      since: orgOfficers.since,
    })
    .from(orgOfficers)
    .innerJoin(people, eq(people.id, orgOfficers.personId))
    .where(and(inArray(orgOfficers.orgUnitId, ids), isNull(orgOfficers.until)))
    .orderBy(asc(orgOfficers.id));
  const covered = await db
    .select({
      id: partyOrgCoverage.id,
      orgUnitId: partyOrgCoverage.orgUnitId,
      targetKind: partyOrgCoverage.targetKind,
      projectId: partyOrgCoverage.projectId,
      unitId: partyOrgCoverage.coveredUnitId,
      projectName: projects.name,
      unitName: orgUnits.name,
      since: partyOrgCoverage.since,
    })
    .from(partyOrgCoverage)
    .leftJoin(projects, eq(projects.id, partyOrgCoverage.projectId))
    .leftJoin(orgUnits, eq(orgUnits.id, partyOrgCoverage.coveredUnitId))
    .where(and(inArray(partyOrgCoverage.orgUnitId, ids), isNull(partyOrgCoverage.until)))
    .orderBy(asc(partyOrgCoverage.id));
  const counts = await db
    .select({
      orgId: people.relationOrgUnitId,
      formal: sql<number>`count(*) filter (where ${people.politicalStatus} = 'full')::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(people)
    .where(inArray(people.relationOrgUnitId, ids))
    .groupBy(people.relationOrgUnitId);
  const parts = await db
    .select({ orgId: personParticipations.orgUnitId, n: sql<number>`count(*)::int` })
    .from(personParticipations)
    .where(and(inArray(personParticipations.orgUnitId, ids), isNull(personParticipations.until)))
    .groupBy(personParticipations.orgUnitId);
  const det = new Map(details.map((d) => [d.unitId, d]));
  const officersOf = groupBy(officers, (o) => o.orgUnitId);
  const coveredOf = groupBy(covered, (x) => x.orgUnitId);
  const countOf = new Map(counts.map((c) => [c.orgId, c]));
  const partsOf = new Map(parts.map((x) => [x.orgId, x.n]));
  for (const id of ids) {
    const d = det.get(id);
    const offs = (officersOf.get(id) ?? []).map(({ orgUnitId: _o, ...o }) => o);
    const c = countOf.get(id);
    out.set(id, {
      establishedOn: d?.establishedOn ?? null,
      docNo: d?.docNo ?? null,
      termYears: d?.termYears ?? null,
      termStartedOn: d?.termStartedOn ?? null,
      nextElectionOn: d?.nextElectionOn ?? null,
      projectId: d?.projectId ?? null,
      status: d?.status ?? 'active',
      transformedInto: d?.transformedInto ?? null,
      closedOn: d?.closedOn ?? null,
      version: d?.version ?? 0,
      secretary: offs.find((o) => o.role === 'secretary')?.name ?? null,
      officers: offs,
      covered: (coveredOf.get(id) ?? []).map((x) => ({
        id: x.id,
        targetKind: x.targetKind as 'project' | 'unit',
        targetId: (x.projectId ?? x.unitId) as number,
        name: (x.projectName ?? x.unitName ?? '') as string,
        since: x.since,
      })),
      formalMembers: c?.formal ?? 0,
      relationMembers: c?.all ?? 0,
      participants: partsOf.get(id) ?? 0,
    });
  }
  return out;
}

/** An active party org of a community: a party node directly under it, or one covering it. */
export async function communityOrgs(
  db: Executor,
  communityIds: number[],
): Promise<Map<number, { id: number; name: string; path: string }>> {
  const out = new Map<number, { id: number; name: string; path: string }>();
  if (communityIds.length === 0) return out;
  const direct = await db
    .select({ communityId: orgUnits.parentId, id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(
      and(
        inArray(orgUnits.parentId, communityIds),
        inArray(orgUnits.kind, [...PARTY_ORG_KINDS]),
        isNull(orgUnits.closedAt),
      ),
    )
    .orderBy(asc(orgUnits.id));
  const linked = await db
    .select({ communityId: partyOrgCoverage.coveredUnitId, id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
    .from(partyOrgCoverage)
    .innerJoin(orgUnits, eq(orgUnits.id, partyOrgCoverage.orgUnitId))
    .where(
      and(
        inArray(partyOrgCoverage.coveredUnitId, communityIds),
        isNull(partyOrgCoverage.until),
        isNull(orgUnits.closedAt),
      ),
    )
    .orderBy(asc(orgUnits.id));
  for (const r of [...direct, ...linked])
    if (r.communityId !== null && !out.has(r.communityId))
      out.set(r.communityId, { id: r.id, name: r.name, path: r.path });
  return out;
}

/** The org a person's relation came from before it moved into `orgId` (from the person's timeline). */
export async function previousOrgs(db: Executor, personIds: number[], orgId: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (personIds.length === 0) return out;
  const rows = await db
    .select({ personId: personEvents.personId, data: personEvents.data })
    .from(personEvents)
    .where(
      and(
        inArray(personEvents.personId, personIds),
        inArray(personEvents.kind, ['relation_moved', 'relation_received', 'transfer_received']),
      ),
    )
    .orderBy(desc(personEvents.id));
  for (const r of rows) {
    const d = (r.data ?? {}) as { fromOrgUnitId?: number; toOrgUnitId?: number };
    if (out.has(r.personId) || !d.fromOrgUnitId || d.fromOrgUnitId === orgId) continue;
    if (d.toOrgUnitId !== undefined && d.toOrgUnitId !== orgId) continue;
    out.set(r.personId, d.fromOrgUnitId);
  }
  return out;
}

export async function activePartyUnits(db: Executor, ids: number[], scopePath: string): Promise<OrgUnitRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(orgUnits)
    .where(
      and(
        inArray(orgUnits.id, ids),
        inArray(orgUnits.kind, [...PARTY_ORG_KINDS]),
        isNull(orgUnits.closedAt),
        inSubtree(orgUnits.path, scopePath),
      ),
    );
}

/** The township (or region) above a path: its party committees are the fallback destinations. */
export async function townshipPartyOrgs(
  db: Executor,
  path: string,
  scopePath: string,
): Promise<Array<{ id: number; name: string }>> {
  const ancestorIds = path.split('/').filter(Boolean).map(Number);
  const anc = await db
    .select({ id: orgUnits.id, kind: orgUnits.kind, depth: orgUnits.depth })
    .from(orgUnits)
    .where(inArray(orgUnits.id, ancestorIds));
  const town = anc.filter((a) => a.kind === 'township' || a.kind === 'region').sort((a, b) => b.depth - a.depth);
  if (town.length === 0) return [];
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(
      and(
        or(...town.map((t) => eq(orgUnits.parentId, t.id))),
        inArray(orgUnits.kind, ['party_working_committee', 'party_committee']),
        isNull(orgUnits.closedAt),
        inSubtree(orgUnits.path, scopePath),
      ),
    )
    .orderBy(asc(orgUnits.depth), asc(orgUnits.id));
  const order = new Map(town.map((t, i) => [t.id, i]));
  return rows
    .sort((a, b) => (order.get(a.parentId ?? 0) ?? 99) - (order.get(b.parentId ?? 0) ?? 99))
    .map(({ id, name }) => ({ id, name }));
}

/** Temporary and joint branches in scope whose covered projects are all completed: to transform or close (转型或撤销). */
export async function branchesToTransformOrClose(
  db: Executor,
  actor: Actor,
): Promise<Array<{ id: number; name: string; kind: string; projects: string[] }>> {
  const rows = await db
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      kind: orgUnits.kind,
      open: sql<number>`count(*) filter (where ${projects.stage} not in ('completed','operating'))::int`,
      projects: sql<string[]>`array_agg(${projects.name} order by ${projects.id})`,
    })
    .from(orgUnits)
    .innerJoin(
      partyOrgCoverage,
      and(
        eq(partyOrgCoverage.orgUnitId, orgUnits.id),
        isNull(partyOrgCoverage.until),
        eq(partyOrgCoverage.targetKind, 'project'),
      ),
    )
    .innerJoin(projects, eq(projects.id, partyOrgCoverage.projectId))
    .where(
      and(
        inArray(orgUnits.kind, ['temp_branch', 'joint_branch']),
        isNull(orgUnits.closedAt),
        inSubtree(orgUnits.path, actor.scope.path),
      ),
    )
    .groupBy(orgUnits.id, orgUnits.name, orgUnits.kind)
    .orderBy(orgUnits.id);
  return rows.filter((r) => r.open === 0).map(({ open: _o, ...r }) => r);
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The 下次换届 date of the actor's own party organisation while it is active (null: no term kept). */
export async function ownNextElection(db: Executor, actor: Actor): Promise<string | null> {
  const [org] = await db
    .select({ nextElectionOn: partyOrgs.nextElectionOn, status: partyOrgs.status })
    .from(partyOrgs)
    .where(eq(partyOrgs.unitId, actor.scope.unitId));
  return org?.status === 'active' ? org.nextElectionOn : null;
}
