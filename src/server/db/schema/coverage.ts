import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * 覆盖分类, stored (decision 032): one row per coverage unit (a counted project, with the firm folded into
 * it, or a firm) as the full classification at the root would give it. Kept current from
 * `coverage_dirty`; written only by the orgs module (coverage.classify.repository.ts).
 */
export const coverageUnitClass = pgTable(
  'coverage_unit_class',
  {
    /** 'p' project unit, 'f' firm unit */
    kind: text('kind').notNull(),
    id: integer('id').notNull(),
    /** kind:id, ordered with collate "C" like the JS `<` */
    key: text('key').notNull(),
    /** the township (乡镇) the unit counts in */
    areaId: integer('area_id').notNull(),
    name: text('name').notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    industry: text('industry'),
    byRelation: integer('by_rel').notNull(),
    byParticipation: integer('by_part').notNull(),
    orgId: integer('org_id'),
    orgName: text('org_name'),
    joint: boolean('joint'),
    hasInstructor: boolean('has_instructor').notNull(),
    class: text('class').notNull(),
    /**
     * The townships (or own paths) of everything the unit's class depends on, when more than one: a
     * scope holding only some of them classifies the unit differently, so it reads the full statement.
     */
    locs: text('locs').array(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.id] }),
    index('coverage_unit_class_area_idx').on(t.areaId, t.class, t.hasInstructor),
    index('coverage_unit_class_page_idx').on(t.areaId, sql`${t.key} collate "C"`),
    index('coverage_unit_class_locs_idx')
      .on(t.kind, t.id)
      .where(sql`${t.locs} is not null`),
  ],
);

/**
 * Entities whose coverage unit may have changed: appended by triggers on projects, people,
 * party_org_coverage and org_units in the writer's transaction (every writer, imports and seeds
 * included); claimed and reclassified by the next coverage read. kind 'p' project, 'f' org unit
 * (a firm, or the parent of a party org), '*' everything.
 */
export const coverageDirty = pgTable('coverage_dirty', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  id: integer('id').notNull(),
});
