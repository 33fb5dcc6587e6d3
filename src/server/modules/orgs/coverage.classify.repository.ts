import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.js';
import { OWN_BRANCH_MIN } from '../../../domain/coverage.js';
import { PARTY_ORG_KINDS } from '../../../shared/org-kinds.js';
import { COUNTED_STAGES } from './coverage.repository.js';

/*
 * The stored classification (decision 032): coverage_unit_class holds every unit as the classification
 * at the root ('/') gives it; triggers append the entities a write touched to coverage_dirty; a
 * coverage read first reclassifies what is dirty (refreshCoverageClasses), under one advisory lock.
 */

/** Above this many dirty entities (an import, a seed) the whole table is rebuilt in one statement. */
export const REBUILD_ABOVE = 3000;
/** Serialises refreshes: a later refresh must not write a class computed before an earlier one's. */
const REFRESH_LOCK = 7_305_2032;

const ints = (ids: Iterable<number>) => `{${[...ids].join(',')}}`;

/**
 * The units of the given projects and firms (every unit when `subset` is absent), classified like
 * coverageSummaryStatement at the root, as rows of coverage_unit_class. With a subset, `projectIds`
 * must hold every counted project of each firm in `firmIds` and `firmIds` every owner of those
 * projects (expandDirty does this), so folding and member counts see all they depend on.
 */
export function classifyStatement(subset?: { projectIds: number[]; firmIds: number[] }): SQL {
  const stages = sql.join(
    COUNTED_STAGES.map((s) => sql`${s}`),
    sql`, `,
  );
  const partyKinds = sql.join(
    PARTY_ORG_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  const onlyProjects = subset ? sql`and p.id = any(${ints(subset.projectIds)}::int[])` : sql``;
  const onlyFirms = subset ? sql`and f.id = any(${ints(subset.firmIds)}::int[])` : sql``;
  // the deepest township at or above a path (its id and path); null when none
  const areaOf = (path: SQL, col: 'id' | 'path') =>
    sql`(select a.${sql.raw(col)} from town a where ${path} like a.path || '%' order by length(a.path) desc limit 1)`;
  return sql`with town as (select id, path from org_units where kind = 'township'),
    cp as (
      select p.id, p.name, p.lng, p.lat, p.industry, p.owner_firm_unit_id as owner,
             p.party_branch_unit_id as branch, p.commissioner_user_id as commissioner,
             coalesce(tw.id, ${areaOf(sql`tu.path`, 'id')}) as area_id,
             coalesce(tw.path, ${areaOf(sql`tu.path`, 'path')}, tu.path) as loc
      from projects p join org_units tu on tu.id = p.township_unit_id
      left join town tw on tw.id = tu.id
      where p.stage in (${stages}) ${onlyProjects}
    ),
    owned as (
      select owner, min(id) as pid, count(*) as n from cp where owner is not null group by owner
    ),
    firm as materialized (
      select f.id, f.name, f.lng, f.lat, f.industry,
             coalesce(tw.id, ${areaOf(sql`f.path`, 'id')}) as area_id,
             coalesce(tw.path, ${areaOf(sql`f.path`, 'path')}, f.path) as loc
      from org_units f
      left join town tw on tw.id = f.parent_id
      where f.kind = 'firm' and f.closed_at is null ${onlyFirms}
    ),
    fh as (
      select f.id as firm_id,
             case when o.n = 1 and pp.area_id is not null then 'p' else 'f' end as kind,
             case when o.n = 1 and pp.area_id is not null then o.pid else f.id end as uid,
             f.name, f.lng, f.lat, f.industry, f.area_id, f.loc
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
      where o.kind in (${partyKinds}) and o.closed_at is null
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
        and not exists (
          select 1 from projects q join org_units tq on tq.id = q.township_unit_id
          where q.id = pe.project_id and q.stage in (${stages})
            and exists (select 1 from town a where tq.path like a.path || '%'))
    ),
    mc as (
      select mk.kind, mk.uid, count(*)::int as total, count(cs.org_id)::int as by_rel
      from mk left join covset cs on cs.kind = mk.kind and cs.uid = mk.uid and cs.org_id = mk.rel
      group by mk.kind, mk.uid
    ),
    -- where everything a unit depends on lies: the project, its owner firm, the firms folded in, the
    -- counted projects those firms own and those their formal members work on
    emp as (
      select distinct h.kind, h.uid, tq.path
      from people pe join fh h on h.firm_id = pe.employer_unit_id
      join projects q on q.id = pe.project_id join org_units tq on tq.id = q.township_unit_id
      where pe.political_status = 'full' and q.stage in (${stages})
    ),
    loc as (
      select 'p'::text as kind, cp.id as uid, cp.loc from cp where cp.area_id is not null
      union all
      select 'p', cp.id, f.loc from cp join firm f on f.id = cp.owner where cp.area_id is not null
      union all
      select h.kind, h.uid, h.loc from fh h
      union all
      select h.kind, h.uid, q.loc from fh h join cp q on q.owner = h.firm_id
      union all
      select e.kind, e.uid, coalesce(${areaOf(sql`e.path`, 'path')}, e.path) from emp e
    ),
    locs as (
      select kind, uid, array_agg(distinct loc order by loc) as locs from loc group by kind, uid
      having count(distinct loc) > 1
    )
    select un.kind, un.id, un.kind || ':' || un.id as key, un.area_id, un.name, un.lng, un.lat, un.industry,
           coalesce(mc.by_rel, 0) as by_rel, coalesce(mc.total, 0) - coalesce(mc.by_rel, 0) as by_part,
           pk.org_id, pk.name as org_name, pk.joint,
           (un.has_comm or st.uid is not null) as has_instructor,
           case when pk.org_id is not null then case when pk.joint then 'joint_branch' else 'own_branch' end
                when coalesce(mc.total, 0) >= ${OWN_BRANCH_MIN} then 'needs_own' else 'needs_joint' end as class,
           ls.locs
    from units un
    left join mc on mc.kind = un.kind and mc.uid = un.id
    left join pick pk on pk.kind = un.kind and pk.uid = un.id
    left join station st on st.kind = un.kind and st.uid = un.id
    left join locs ls on ls.kind = un.kind and ls.uid = un.id`;
}

const COLUMNS = sql.raw(
  'kind, id, key, area_id, name, lng, lat, industry, by_rel, by_part, org_id, org_name, joint, has_instructor, class, locs',
);

/**
 * The dirty entities grown to everything their units depend on: the owners of dirty projects and the
 * projects of dirty firms (a firm owning exactly one counted project is folded into it), then the
 * employers of those projects' formal members (who count at the employer when the project stops
 * counting) and those employers' projects.
 */
async function expandDirty(tx: Tx, projectIds: Set<number>, firmIds: Set<number>) {
  const firms1 = new Set(firmIds);
  if (projectIds.size)
    for (const r of await queryRows<{ id: number }>(
      tx,
      sql`select distinct owner_firm_unit_id as id from projects
          where id = any(${ints(projectIds)}::int[]) and owner_firm_unit_id is not null`,
    ))
      firms1.add(r.id);
  const projects1 = new Set(projectIds);
  if (firms1.size)
    for (const r of await queryRows<{ id: number }>(
      tx,
      sql`select id from projects where owner_firm_unit_id = any(${ints(firms1)}::int[])`,
    ))
      projects1.add(r.id);
  const employers = new Set<number>();
  if (projects1.size)
    for (const r of await queryRows<{ id: number }>(
      tx,
      sql`select distinct employer_unit_id as id from people
          where project_id = any(${ints(projects1)}::int[]) and political_status = 'full' and employer_unit_id is not null`,
    ))
      if (!firms1.has(r.id)) employers.add(r.id);
  if (employers.size)
    for (const r of await queryRows<{ id: number }>(
      tx,
      sql`select id from projects where owner_firm_unit_id = any(${ints(employers)}::int[])`,
    ))
      projects1.add(r.id);
  return { projectIds: [...projects1], firmIds: [...firms1, ...employers] };
}

/**
 * Brings coverage_unit_class up to date with every write committed so far: claims the dirty rows this
 * transaction sees (a writer still open keeps its rows for the next refresh), reclassifies their units
 * (or every unit, after a bulk write) and replaces the stored rows. Returns how many entities it took.
 */
export async function refreshCoverageClasses(db: Db): Promise<number> {
  const [pending] = await queryRows<{ any: boolean }>(db, sql`select exists (select 1 from coverage_dirty) as any`);
  if (!pending?.any) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
    const claimed = await queryRows<{ kind: string; id: number }>(
      tx,
      sql`delete from coverage_dirty returning kind, id`,
    );
    if (!claimed.length) return 0;
    const projectIds = new Set<number>();
    const firmIds = new Set<number>();
    let all = false;
    for (const c of claimed) {
      if (c.kind === 'p') projectIds.add(c.id);
      else if (c.kind === 'f') firmIds.add(c.id);
      else all = true;
    }
    if (all || projectIds.size + firmIds.size > REBUILD_ABOVE) {
      await tx.execute(sql`delete from coverage_unit_class`);
      await tx.execute(sql`insert into coverage_unit_class (${COLUMNS}) ${classifyStatement()}`);
      return claimed.length;
    }
    const subset = await expandDirty(tx, projectIds, firmIds);
    await tx.execute(
      sql`delete from coverage_unit_class
          where (kind = 'p' and id = any(${ints(subset.projectIds)}::int[]))
             or (kind = 'f' and id = any(${ints(subset.firmIds)}::int[]))`,
    );
    await tx.execute(sql`insert into coverage_unit_class (${COLUMNS}) ${classifyStatement(subset)}`);
    return claimed.length;
  });
}
