import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { LocalText } from '../../errors.js';
import { supervisionFindings } from '../../db/schema/index.js';

/** Open items of one kind a project carries into its monthly dispatch report. */
export interface OpenItems {
  key: string;
  label: LocalText;
  count: number;
  items: LocalText[];
}

export type DispatchContributor = (
  db: Executor,
  projectIds: number[],
  month: string,
) => Promise<Map<number, OpenItems>>;

const CONTRIBUTORS: DispatchContributor[] = [];

/**
 * The seam for "open problems" in the 月调度 prefill: a module that owns open items of a project (the
 * problem ledger: 未办结问题) registers a contributor, and the report lists them without this module
 * importing it. Supervision findings not yet rectified are built in.
 */
export function registerDispatchContributor(fn: DispatchContributor): void {
  CONTRIBUTORS.push(fn);
}

export async function collectOpenItems(
  db: Executor,
  projectIds: number[],
  month: string,
): Promise<Map<number, OpenItems[]>> {
  const out = new Map<number, OpenItems[]>();
  if (projectIds.length === 0) return out;
  for (const fn of CONTRIBUTORS) {
    const m = await fn(db, projectIds, month);
    for (const [id, items] of m) if (items.count > 0) out.set(id, [...(out.get(id) ?? []), items]);
  }
  return out;
}

registerDispatchContributor(async (db, projectIds) => {
  const rows = await db
    .select({ projectId: supervisionFindings.projectId, description: supervisionFindings.description })
    .from(supervisionFindings)
    .where(and(inArray(supervisionFindings.projectId, projectIds), eq(supervisionFindings.status, 'open')));
  const out = new Map<number, OpenItems>();
  for (const r of rows) {
    const cur = out.get(r.projectId) ?? {
      key: 'findings',
      label: { zh: '季督办发现问题未整改', en: 'Open supervision findings' },
      count: 0,
      items: [],
    };
    cur.count++;
    cur.items.push({ zh: r.description, en: r.description });
    out.set(r.projectId, cur);
  }
  return out;
});
