import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';
import type { CoverageClass, CoverageUnit } from '../../../domain/coverage.js';
import type { Area } from './coverage.repository.js';
import type { ClassGroup, SummarisedUnits, UnitFilter } from './coverage.summary.repository.js';

/*
 * Reads of the stored classification (decision 032, coverage_unit_class): the counts and a page for a
 * scope, without classifying anything. Only for a scope the stored rows describe exactly; otherwise
 * null and the caller runs the full statement (coverage.summary.repository.ts).
 */

interface ScopeAreas {
  areas: Area[];
  regionName: string;
}

async function scopeAreas(db: Executor, scopePath: string): Promise<ScopeAreas & { aligned: boolean }> {
  const like = `${scopePath}%`;
  const rows = await queryRows<{ id: number; name: string; path: string; kind: string }>(
    db,
    sql`select id, name, path, kind from org_units
        where kind in ('township', 'region') and (path like ${like} or ${scopePath} like path || '%')
        order by path`,
  );
  const towns = rows.filter((a) => a.kind === 'township');
  return {
    areas: towns.map(({ id, name, path }) => ({ id, name, path })),
    regionName: rows.find((a) => a.kind === 'region')?.name ?? '',
    // a scope below a township splits it: a unit of that township may be in or out of the scope
    aligned: !towns.some((t) => scopePath.startsWith(t.path) && scopePath !== t.path),
  };
}

/**
 * Whether the stored classes are this scope's classes: the scope holds whole townships, and no unit
 * depends on things both inside and outside it (a firm owning a project in another township, a member
 * employed here working on a project there), for then the scope's own classification differs.
 */
async function storedAreasFor(db: Executor, scopePath: string): Promise<ScopeAreas | null> {
  if (!/^\/(\d+\/)*$/.test(scopePath)) throw new Error(`invalid scope path ${scopePath}`);
  const s = await scopeAreas(db, scopePath);
  if (!s.aligned) return null;
  if (scopePath !== '/') {
    const like = `${scopePath}%`;
    const [split] = await queryRows<{ split: boolean }>(
      db,
      sql`select exists (
            select 1 from coverage_unit_class
            where locs is not null
              and exists (select 1 from unnest(locs) l where l like ${like})
              and exists (select 1 from unnest(locs) l where l not like ${like})) as split`,
    );
    if (split?.split) return null;
  }
  return { areas: s.areas, regionName: s.regionName };
}

const ids = (areas: Area[]) => `{${areas.map((a) => a.id).join(',')}}`;

interface StoredRow {
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
}

const unitOf = (r: StoredRow): CoverageUnit & { class: CoverageClass } => ({
  key: `${r.kind}:${r.id}`,
  kind: r.kind === 'p' ? 'project' : 'firm',
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
});

/** summariseCoverageUnits from the stored classes; null when the scope needs the full statement. */
export async function summariseStoredUnits(
  db: Executor,
  scopePath: string,
  f: UnitFilter,
): Promise<SummarisedUnits | null> {
  const s = await storedAreasFor(db, scopePath);
  if (!s) return null;
  const inScope = sql`area_id = any(${ids(s.areas)}::int[])`;
  const groups = (
    await queryRows<{ area_id: number; class: CoverageClass; has_instructor: boolean; n: number }>(
      db,
      sql`select area_id, class, has_instructor, count(*)::int as n from coverage_unit_class
          where ${inScope} group by area_id, class, has_instructor`,
    )
  ).map((g): ClassGroup => ({ areaId: g.area_id, class: g.class, hasInstructor: g.has_instructor, n: g.n }));
  const conds: SQL[] = [inScope];
  if (f.class) conds.push(sql`class = ${f.class}`);
  if (f.townshipId) conds.push(sql`area_id = ${f.townshipId}`);
  if (f.q) conds.push(sql`strpos(name, ${f.q}) > 0`);
  const where = sql.join(conds, sql` and `);
  const page = await queryRows<StoredRow>(
    db,
    sql`select kind, id, name, area_id, lng, lat, industry, by_rel, by_part, org_id, org_name, joint,
               has_instructor, class
        from coverage_unit_class where ${where}
        order by area_id, key collate "C" limit ${f.limit} offset ${f.offset}`,
  );
  // without a name search the filtered total is a sum of the counts already read
  let total = 0;
  if (f.q) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from coverage_unit_class where ${where}`,
    );
    total = row?.n ?? 0;
  } else
    for (const g of groups)
      if ((!f.class || g.class === f.class) && (!f.townshipId || g.areaId === f.townshipId)) total += g.n;
  return { areas: s.areas, regionName: s.regionName, groups, page: page.map(unitOf), total };
}

/**
 * The units a joint-branch proposal may take (需联合组建: not covered, < 3 formal members) in the
 * scope, in the order loadCoverageUnits gives them (projects by id, then firms by id); null when the
 * scope needs the full recomputation.
 */
export async function storedProposalCandidates(
  db: Executor,
  scopePath: string,
): Promise<{ units: CoverageUnit[]; areas: Area[] } | null> {
  const s = await storedAreasFor(db, scopePath);
  if (!s) return null;
  const rows = await queryRows<StoredRow>(
    db,
    sql`select kind, id, name, area_id, lng, lat, industry, by_rel, by_part, org_id, org_name, joint,
               has_instructor, class
        from coverage_unit_class
        where area_id = any(${ids(s.areas)}::int[]) and class = 'needs_joint'
        order by kind desc, id`,
  );
  const units = rows.map((r): CoverageUnit => {
    const { class: _class, ...u } = unitOf(r);
    return u;
  });
  return { units, areas: s.areas };
}
