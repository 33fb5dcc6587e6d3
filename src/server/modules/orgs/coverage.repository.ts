import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { type Executor } from '../../db/client.js';
import { orgUnits, partyOrgCoverage, people, projects } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { PARTY_ORG_KINDS } from '../../../shared/org-kinds.js';
import { type CoverageUnit } from '../../../domain/coverage.js';

/** Stages counted by the engine: from 开工 until 竣工 (completed projects are not counted). */
export const COUNTED_STAGES = ['started', 'topped_out'];

export interface Area {
  id: number;
  name: string;
  path: string;
}

export interface LoadedUnits {
  units: CoverageUnit[];
  areas: Area[];
  /** what each unit stands for in the database: a project and the firms folded into it, or a firm */
  refs: Map<string, { projectId: number | null; firmIds: number[] }>;
  regionName: string;
}

/**
 * Every started (not completed) project and every firm in the actor's subtree, with its formal
 * members (each counted once: at the project if they work on a counted project, else at their
 * employer firm) split by relation and participation, and what covers it.
 */
export async function loadCoverageUnits(db: Executor, scopePath: string): Promise<LoadedUnits> {
  const ancestorIds = scopePath.split('/').filter(Boolean).map(Number);
  const areaRows = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, kind: orgUnits.kind })
    .from(orgUnits)
    .where(
      and(
        inArray(orgUnits.kind, ['township', 'region']),
        or(inSubtree(orgUnits.path, scopePath), ancestorIds.length ? inArray(orgUnits.id, ancestorIds) : sql`false`),
      ),
    )
    .orderBy(asc(orgUnits.path));
  const areas = areaRows.filter((a) => a.kind === 'township').map(({ id, name, path }) => ({ id, name, path }));
  const regionName = areaRows.find((a) => a.kind === 'region')?.name ?? '';
  const areaOf = (path: string) => {
    let best: Area | undefined;
    for (const a of areas) if (path.startsWith(a.path) && (!best || a.path.length > best.path.length)) best = a;
    return best;
  };

  const projectRows = await db
    .select({
      id: projects.id,
      name: projects.name,
      townPath: orgUnits.path,
      lng: projects.lng,
      lat: projects.lat,
      industry: projects.industry,
      owner: projects.ownerFirmUnitId,
      branch: projects.partyBranchUnitId,
      commissioner: projects.commissionerUserId,
    })
    .from(projects)
    .innerJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
    .where(and(inArray(projects.stage, COUNTED_STAGES), inSubtree(orgUnits.path, scopePath)))
    .orderBy(asc(projects.id));
  const firmRows = await db
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      path: orgUnits.path,
      lng: orgUnits.lng,
      lat: orgUnits.lat,
      industry: orgUnits.industry,
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'firm'), isNull(orgUnits.closedAt), inSubtree(orgUnits.path, scopePath)))
    .orderBy(asc(orgUnits.id));

  // A firm owning exactly one counted project is that project's site: one unit, not two.
  const owned = new Map<number, number[]>();
  for (const p of projectRows) if (p.owner !== null) owned.set(p.owner, [...(owned.get(p.owner) ?? []), p.id]);
  const firmHome = new Map<number, string>();
  const refs = new Map<string, { projectId: number | null; firmIds: number[] }>();
  const units = new Map<string, CoverageUnit>();
  for (const p of projectRows) {
    const area = areaOf(p.townPath);
    if (!area) continue;
    const key = `p:${p.id}`;
    refs.set(key, { projectId: p.id, firmIds: [] });
    units.set(key, {
      key,
      kind: 'project',
      id: p.id,
      name: p.name,
      areaId: area.id,
      lng: p.lng,
      lat: p.lat,
      industry: p.industry,
      byRelation: 0,
      byParticipation: 0,
      coveredBy: null,
      hasInstructor: p.commissioner !== null,
    });
  }
  for (const f of firmRows) {
    const mine = owned.get(f.id);
    if (mine?.length === 1 && units.has(`p:${mine[0]}`)) {
      firmHome.set(f.id, `p:${mine[0]}`);
      refs.get(`p:${mine[0]}`)!.firmIds.push(f.id);
      continue;
    }
    const area = areaOf(f.path);
    if (!area) continue;
    const key = `f:${f.id}`;
    firmHome.set(f.id, key);
    refs.set(key, { projectId: null, firmIds: [f.id] });
    units.set(key, {
      key,
      kind: 'firm',
      id: f.id,
      name: f.name,
      areaId: area.id,
      lng: f.lng,
      lat: f.lat,
      industry: f.industry,
      byRelation: 0,
      byParticipation: 0,
      coveredBy: null,
      hasInstructor: false,
    });
  }

  // What covers each unit: coverage links, the project's branch, a party node right under a firm.
  const covering = new Map<string, Array<{ id: number; name: string; kind: string }>>();
  const addCover = (key: string | undefined, o: { id: number; name: string; kind: string }) => {
    if (!key || !units.has(key)) return;
    const list = covering.get(key) ?? [];
    if (!list.some((x) => x.id === o.id)) list.push(o);
    covering.set(key, list);
  };
  const links = await db
    .select({
      projectId: partyOrgCoverage.projectId,
      unitId: partyOrgCoverage.coveredUnitId,
      id: orgUnits.id,
      name: orgUnits.name,
      kind: orgUnits.kind,
    })
    .from(partyOrgCoverage)
    .innerJoin(orgUnits, eq(orgUnits.id, partyOrgCoverage.orgUnitId))
    .where(and(isNull(partyOrgCoverage.until), isNull(orgUnits.closedAt)))
    .orderBy(asc(partyOrgCoverage.id));
  for (const l of links)
    addCover(l.projectId !== null ? `p:${l.projectId}` : l.unitId !== null ? firmHome.get(l.unitId) : undefined, l);
  const branchIds = [...new Set(projectRows.map((p) => p.branch).filter((x): x is number => x !== null))];
  if (branchIds.length) {
    const branches = await db
      .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
      .from(orgUnits)
      .where(and(inArray(orgUnits.id, branchIds), isNull(orgUnits.closedAt)));
    const byId = new Map(branches.map((b) => [b.id, b]));
    for (const p of projectRows)
      if (p.branch !== null && byId.has(p.branch)) addCover(`p:${p.id}`, byId.get(p.branch)!);
  }
  const firmIds = firmRows.map((f) => f.id);
  if (firmIds.length) {
    const under = await db
      .select({ parentId: orgUnits.parentId, id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
      .from(orgUnits)
      .where(
        and(
          inSubtree(orgUnits.path, scopePath),
          inArray(orgUnits.kind, [...PARTY_ORG_KINDS]),
          isNull(orgUnits.closedAt),
          isNotNull(orgUnits.parentId),
        ),
      )
      .orderBy(asc(orgUnits.id));
    const firmSet = new Set(firmIds);
    for (const u of under) if (u.parentId !== null && firmSet.has(u.parentId)) addCover(firmHome.get(u.parentId), u);
  }
  for (const [key, list] of covering) {
    const u = units.get(key)!;
    const orgs = list.filter((o) => o.kind !== 'guidance_station');
    if (list.some((o) => o.kind === 'guidance_station')) u.hasInstructor = true;
    const own = orgs.find((o) => o.kind !== 'joint_branch');
    const joint = orgs.find((o) => o.kind === 'joint_branch');
    const c = own ?? joint;
    if (c) u.coveredBy = { orgId: c.id, orgName: c.name, joint: c.kind === 'joint_branch' };
  }

  // Formal members, each at one unit; by relation when the relation org covers that unit.
  const counts = await db
    .select({
      projectId: people.projectId,
      employer: people.employerUnitId,
      relation: people.relationOrgUnitId,
      n: sql<number>`count(*)::int`,
    })
    .from(people)
    .where(and(eq(people.politicalStatus, 'full'), or(isNotNull(people.projectId), isNotNull(people.employerUnitId))))
    .groupBy(people.projectId, people.employerUnitId, people.relationOrgUnitId);
  for (const c of counts) {
    const key =
      c.projectId !== null && units.has(`p:${c.projectId}`)
        ? `p:${c.projectId}`
        : c.employer !== null
          ? firmHome.get(c.employer)
          : undefined;
    if (!key) continue;
    const u = units.get(key)!;
    const cov = covering.get(key) ?? [];
    if (c.relation !== null && cov.some((o) => o.id === c.relation)) u.byRelation += c.n;
    else u.byParticipation += c.n;
  }
  return { units: [...units.values()], areas, refs, regionName };
}
