import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from '../db/migrate.js';

/** What a backup holds, written inside the encrypted payload and checked again after a restore. */
export interface BackupManifest {
  formatVersion: number;
  appVersion: string;
  dbKind: 'pglite' | 'postgres';
  createdAt: string;
  /** Migrations applied in the backed-up database (drizzle's journal tags; `when` = folder millis). */
  migrations: { count: number; lastWhen: number | null; tags: string[] };
  /** Row counts of the main tables, read in the same snapshot as the dump. */
  counts: Record<string, number>;
  audit: { count: number; head: string | null };
  dump: { format: 'pglite-datadir-tgz' | 'pg_dump-custom'; bytes: number; sha256: string };
}

/** The main tables whose row counts the manifest records and a restore checks. */
export const COUNTED_TABLES = [
  'org_units',
  'users',
  'projects',
  'problems',
  'problem_events',
  'people',
  'party_orgs',
  'meetings',
  'notifications',
  'audit_log',
  'backup_runs',
] as const;

export type RawQuery = (text: string) => Promise<Array<Record<string, unknown>>>;

interface JournalEntry {
  tag: string;
  when: number;
}

/** This code's migrations (drizzle's journal). */
export function knownMigrations(): JournalEntry[] {
  const j = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return j.entries;
}

/** Reads migrations, counts and the audit head with `query` (which must see the dump's snapshot). */
export async function readSnapshotFacts(
  query: RawQuery,
): Promise<Pick<BackupManifest, 'migrations' | 'counts' | 'audit'>> {
  const applied = await query('select created_at from drizzle.__drizzle_migrations order by created_at');
  const whens = applied.map((r) => Number(r.created_at));
  const byWhen = new Map(knownMigrations().map((e) => [e.when, e.tag]));
  const counts: Record<string, number> = {};
  for (const t of COUNTED_TABLES) {
    const [row] = await query(`select count(*)::int as n from ${t}`);
    counts[t] = Number(row?.n ?? 0);
  }
  const [head] = await query('select id, hash from audit_log order by id desc limit 1');
  return {
    migrations: {
      count: whens.length,
      lastWhen: whens.length ? Math.max(...whens) : null,
      tags: whens.map((w) => byWhen.get(w) ?? `unknown:${w}`),
    },
    counts,
    audit: { count: head ? Number(head.id) : 0, head: head ? String(head.hash) : null },
  };
}
