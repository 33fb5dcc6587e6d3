import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The organisation tree. `path` is the materialised path of ids ("/1/4/12/"), so a subtree is one
 * indexed prefix query: `path LIKE '/1/4/%'`.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    code: text('code'),
    sortOrder: integer('sort_order').notNull().default(0),
    address: text('address'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    industry: text('industry'),
    pinyin: text('pinyin').notNull().default(''),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_units_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('org_units_parent_idx').on(t.parentId),
    index('org_units_kind_idx').on(t.kind),
    uniqueIndex('org_units_code_uq').on(t.code),
  ],
);

export type OrgUnitRow = typeof orgUnits.$inferSelect;
