import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { AuditActor } from '../../actor.js';
import { projectWarningMonths } from '../../db/schema/index.js';
import { writeHistory, type HistoryEntry } from './history.repository.js';

/** One project's computed warning, as the warnings module returns it for projects to store. */
export interface ComputedWarning {
  id: number;
  colour: string;
  rank: number;
  reasons: unknown;
  planned: number | null;
}

/** One UPDATE … FROM (VALUES …) per batch: the daily run touches every project. */
async function writeWarnings(db: Executor, rows: ComputedWarning[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::int, ${r.colour}::text, ${r.rank}::int, ${JSON.stringify(r.reasons)}::jsonb, ${r.planned}::numeric)`,
    ),
    sql`, `,
  );
  await db.execute(
    sql`update projects p set warning_colour = v.colour, warning_rank = v.rank, warning_reasons = v.reasons, planned_progress = v.planned, warning_computed_at = ${at.toISOString()}::timestamptz
        from (values ${values}) as v(id, colour, rank, reasons, planned) where p.id = v.id`,
  );
}

const rankSql = (col: string) => sql.raw(`(case ${col} when 'red' then 2 when 'yellow' then 1 else 0 end)`);

/** The month's row: latest colour and reasons; the worst colour seen in the month is kept. */
async function upsertWarningMonths(
  db: Executor,
  month: string,
  rows: ComputedWarning[],
  versions: Map<number, number>,
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(projectWarningMonths)
    .values(
      rows.map((r) => ({
        projectId: r.id,
        month,
        colour: r.colour,
        worstColour: r.colour,
        reasons: r.reasons,
        rulesVersion: versions.get(r.id) ?? 0,
        computedAt: at,
      })),
    )
    .onConflictDoUpdate({
      target: [projectWarningMonths.projectId, projectWarningMonths.month],
      set: {
        colour: sql`excluded.colour`,
        reasons: sql`excluded.reasons`,
        rulesVersion: sql`excluded.rules_version`,
        computedAt: sql`excluded.computed_at`,
        worstColour: sql`case when ${rankSql('excluded.colour')} > ${rankSql('project_warning_months.worst_colour')} then excluded.colour else project_warning_months.worst_colour end`,
      },
    });
}

/**
 * Stores what the warnings module computed, inside the caller's transaction: the current colour of
 * the projects whose warning `changed`, this month's row of the colour history for every `computed`
 * one (with the rule version that produced it), and the history lines of colour changes.
 */
export async function storeWarnings(
  tx: Executor,
  who: AuditActor,
  at: Date,
  w: {
    month: string;
    changed: ComputedWarning[];
    computed: ComputedWarning[];
    versions: Map<number, number>;
    history: HistoryEntry[];
  },
): Promise<void> {
  for (let i = 0; i < w.changed.length; i += 500) await writeWarnings(tx, w.changed.slice(i, i + 500), at);
  for (let i = 0; i < w.computed.length; i += 500)
    await upsertWarningMonths(tx, w.month, w.computed.slice(i, i + 500), w.versions, at);
  await writeHistory(tx, who, at, w.history);
}
