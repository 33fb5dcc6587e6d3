import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';
import { orgUnits, partyOrgCoverage, people, projects } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { PARTY_ORG_KINDS } from '../../../shared/org-kinds.js';
import { OWN_BRANCH_MIN, type CoverageClass, type CoverageUnit } from '../../../domain/coverage.js';

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

export interface UnitFilter {
  class?: string | undefined;
  townshipId?: number | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface ClassGroup {
  areaId: number;
  class: CoverageClass;
  hasInstructor: boolean;
  n: number;
}

export interface SummarisedUnits {
  areas: Area[];
  regionName: string;
  /** units counted by township, class and whether a 党建指导员 is there: enough for every rate */
  groups: ClassGroup[];
  /** the filtered units, ordered by township then key, one page */
  page: Array<CoverageUnit & { class: CoverageClass }>;
  total: number;
}

/**
 * The same units as loadCoverageUnits, classified inside the database (one statement): only the
 * counts by township × class × instructor and one page of units come back, not every unit.
 * Must agree with loadCoverageUnits + classify exactly (test/coverage-summary.test.ts checks).
 */
export async function summariseCoverageUnits(db: Executor, scopePath: string, f: UnitFilter): Promise<SummarisedUnits> {
  if (!/^\/(\d+\/)*$/.test(scopePath)) throw new Error(`invalid scope path ${scopePath}`);
  const like = `${scopePath}%`;
  const areaRows = await queryRows<{ id: number; name: string; path: string; kind: string }>(
    db,
    sql`select id, name, path, kind from org_units
        where kind in ('township', 'region') and (path like ${like} or ${scopePath} like path || '%')
        order by path`,
  );
  const areas = areaRows.filter((a) => a.kind === 'township').map(({ id, name, path }) => ({ id, name, path }));
  const regionName = areaRows.find((a) => a.kind === 'region')?.name ?? '';
  const [row] = await queryRows<{
    groups: Array<{ area_id: number; class: CoverageClass; has_instructor: boolean; n: number }> | null;
    total: number;
    page: Array<{
      kind: 'p' | 'f';
      id: number;
      name: string;
      area_id: number;
      lng: number | null;
      lat: number | null;
      industry: string | null;
      by_rel: number;
      by_part: number;
      org_id: number | null;
      org_name: string | null;
      joint: boolean | null;
      has_instructor: boolean;
      class: CoverageClass;
    }> | null;
  }>(db, coverageSummaryStatement(scopePath, f));
  const page = (row?.page ?? []).map((r) => ({
    key: `${r.kind}:${r.id}`,
    kind: r.kind === 'p' ? ('project' as const) : ('firm' as const),
    id: r.id,
    name: r.name,
    areaId: r.area_id,
    lng: r.lng,
    lat: r.lat,
    industry: r.industry,
    byRelation: r.by_rel,
    byParticipation: r.by_part,
    coveredBy: r.org_id !== null ? { orgId: r.org_id, orgName: r.org_name ?? '', joint: r.joint === true } : null,
    hasInstructor: r.has_instructor,
    class: r.class,
  }));
  return {
    areas,
    regionName,
    groups: (row?.groups ?? []).map((g) => ({
      areaId: g.area_id,
      class: g.class,
      hasInstructor: g.has_instructor,
      n: g.n,
    })),
    page,
    total: row?.total ?? 0,
  };
}

/**
 * The one statement behind summariseCoverageUnits (exported for the bench's EXPLAIN ANALYZE). A unit's
 * township: the project's township node itself, a firm's parent when that is a township (a hash
 * join), else the deepest township above it (the subquery, run only for those).
 */
export function coverageSummaryStatement(scopePath: string, f: UnitFilter): SQL {
  if (!/^\/(\d+\/)*$/.test(scopePath)) throw new Error(`invalid scope path ${scopePath}`);
  const like = `${scopePath}%`;
  const stages = sql.join(
    COUNTED_STAGES.map((s) => sql`${s}`),
    sql`, `,
  );
  const partyKinds = sql.join(
    PARTY_ORG_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  const conds = [sql`true`];
  if (f.class) conds.push(sql`u.class = ${f.class}`);
  if (f.townshipId) conds.push(sql`u.area_id = ${f.townshipId}`);
  if (f.q) conds.push(sql`strpos(u.name, ${f.q}) > 0`);
  const where = sql.join(conds, sql` and `);
  return sql`with town as (
      select id, path from org_units
      where kind = 'township' and (path like ${like} or ${scopePath} like path || '%')
    ),
    cp as (
      select p.id, p.name, p.lng, p.lat, p.industry, p.owner_firm_unit_id as owner,
             p.party_branch_unit_id as branch, p.commissioner_user_id as commissioner,
             coalesce(tw.id, (select a.id from town a where tu.path like a.path || '%'
                              order by length(a.path) desc limit 1)) as area_id
      from projects p join org_units tu on tu.id = p.township_unit_id
      left join town tw on tw.id = tu.id
      where p.stage in (${stages}) and tu.path like ${like}
    ),
    owned as (
      select owner, min(id) as pid, count(*) as n from cp where owner is not null group by owner
    ),
    firm as materialized (
      select f.id, f.name, f.lng, f.lat, f.industry,
             coalesce(tw.id, (select a.id from town a where f.path like a.path || '%'
                              order by length(a.path) desc limit 1)) as area_id
      from org_units f
      left join town tw on tw.id = f.parent_id
      where f.kind = 'firm' and f.closed_at is null and f.path like ${like}
    ),
    fh as (
      select f.id as firm_id,
             case when o.n = 1 and pp.area_id is not null then 'p' else 'f' end as kind,
             case when o.n = 1 and pp.area_id is not null then o.pid else f.id end as uid,
             f.name, f.lng, f.lat, f.industry, f.area_id
      from firm f
      left join owned o on o.owner = f.id
      left join cp pp on pp.id = o.pid and o.n = 1
      where (o.n = 1 and pp.area_id is not null) or f.area_id is not null
    ),
    units as (
      select 'p'::text as kind, id, name, lng, lat, industry, area_id, commissioner is not null as has_comm
      from cp where area_id is not null
      union all
      select 'f', uid, name, lng, lat, industry, area_id, false from fh where kind = 'f'
    ),
    cov as (
      select coalesce(case when c.project_id is not null then 'p' end, h.kind) as kind,
             coalesce(c.project_id, h.uid) as uid, o.id as org_id, o.name, o.kind as okind, 1 as src, c.id as ord
      from party_org_coverage c
      join org_units o on o.id = c.org_unit_id
      left join fh h on c.project_id is null and h.firm_id = c.covered_unit_id
      where c.until is null and o.closed_at is null
        and (c.project_id in (select id from cp where area_id is not null) or (c.project_id is null and h.firm_id is not null))
      union all
      select 'p', p.id, o.id, o.name, o.kind, 2, 0
      from cp p join org_units o on o.id = p.branch
      where p.area_id is not null and o.closed_at is null
      union all
      select h.kind, h.uid, o.id, o.name, o.kind, 3, o.id
      from org_units o join fh h on h.firm_id = o.parent_id
      where o.path like ${like} and o.kind in (${partyKinds}) and o.closed_at is null
    ),
    pick as (
      select distinct on (kind, uid) kind, uid, org_id, name, okind = 'joint_branch' as joint
      from cov where okind <> 'guidance_station'
      order by kind, uid, okind = 'joint_branch', src, ord
    ),
    station as (select distinct kind, uid from cov where okind = 'guidance_station'),
    covset as (select distinct kind, uid, org_id from cov),
    mk as (
      select 'p'::text as kind, pe.project_id as uid, pe.relation_org_unit_id as rel
      from people pe join cp on cp.id = pe.project_id
      where pe.political_status = 'full' and cp.area_id is not null
      union all
      select h.kind, h.uid, pe.relation_org_unit_id
      from people pe join fh h on h.firm_id = pe.employer_unit_id
      where pe.political_status = 'full'
        and not exists (select 1 from cp where cp.id = pe.project_id and cp.area_id is not null)
    ),
    mc as (
      select mk.kind, mk.uid, count(*)::int as total, count(cs.org_id)::int as by_rel
      from mk left join covset cs on cs.kind = mk.kind and cs.uid = mk.uid and cs.org_id = mk.rel
      group by mk.kind, mk.uid
    ),
    u as (
      select un.kind, un.id, un.name, un.area_id, un.lng, un.lat, un.industry,
             coalesce(mc.by_rel, 0) as by_rel, coalesce(mc.total, 0) - coalesce(mc.by_rel, 0) as by_part,
             pk.org_id, pk.name as org_name, pk.joint,
             (un.has_comm or st.uid is not null) as has_instructor,
             case when pk.org_id is not null then case when pk.joint then 'joint_branch' else 'own_branch' end
                  when coalesce(mc.total, 0) >= ${OWN_BRANCH_MIN} then 'needs_own' else 'needs_joint' end as class
      from units un
      left join mc on mc.kind = un.kind and mc.uid = un.id
      left join pick pk on pk.kind = un.kind and pk.uid = un.id
      left join station st on st.kind = un.kind and st.uid = un.id
    )
    select
      (select json_agg(g) from (
         select area_id, class, has_instructor, count(*)::int as n from u group by area_id, class, has_instructor
       ) g) as groups,
      (select count(*)::int from u where ${where}) as total,
      (select json_agg(x) from (
         select * from u where ${where}
         order by area_id, (kind || ':' || id) collate "C" limit ${f.limit} offset ${f.offset}
       ) x) as page`;
}
