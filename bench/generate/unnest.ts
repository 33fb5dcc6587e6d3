import { sql } from 'drizzle-orm';
import type { Executor } from '../../src/server/db/client.js';

type Cell = string | number | boolean | null | Date;

/** A PostgreSQL array literal ('{"a","b",NULL}') passed as one text parameter: works on pg and PGlite alike. */
export function pgArray(values: readonly Cell[]): string {
  const items = values.map((v) => {
    if (v === null) return 'NULL';
    const s = v instanceof Date ? v.toISOString() : String(v);
    return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/**
 * Inserts many rows in one statement: `insert into t (cols) select * from unnest($1::type[], …)`. One
 * parameter per column instead of per value, so a 10,000-row batch parses as fast as a 10-row one.
 */
export async function unnestInsert(
  db: Executor,
  table: string,
  columns: Array<[name: string, pgType: string]>,
  rows: Cell[][],
): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, i) => pgArray(rows.map((r) => r[i] ?? null)));
  const cols = sql.raw(columns.map(([c]) => `"${c}"`).join(', '));
  const params = sql.join(
    columns.map(([, type], i) => sql`${arrays[i]}::${sql.raw(type)}[]`),
    sql`, `,
  );
  await db.execute(sql`insert into ${sql.raw(`"${table}"`)} (${cols}) select * from unnest(${params})`);
}
