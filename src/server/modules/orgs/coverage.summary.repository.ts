import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';
import { OWN_BRANCH_MIN, type CoverageClass, type CoverageUnit } from '../../../domain/coverage.js';
import { PARTY_ORG_KINDS } from '../../../shared/org-kinds.js';
import { COUNTED_STAGES, type Area } from './coverage.repository.js';

/*
 * 覆盖情况 classified in the database (decision 026): the counts and one page the coverage page shows,
 * instead of loading every unit (coverage.repository.ts loadCoverageUnits, kept for the proposals and
 * as the oracle of test/coverage-summary.test.ts).
 */

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
