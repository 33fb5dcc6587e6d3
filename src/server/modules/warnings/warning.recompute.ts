import { asc, sql } from 'drizzle-orm';
import { onEvent } from '../../events.js';
import { projects } from '../../db/schema/index.js';
import { recomputeWarnings } from './warning.service.js';

/** A project was registered or its plan, nodes, progress or stage moved: its warning follows in the same transaction. */
onEvent('project.changed', async (tx, _ctx, who, { projectIds, calendar, today, now }) => {
  await recomputeWarnings(tx, projectIds, { cal: calendar, today, now, who });
});

/**
 * A calendar year was loaded: projects whose warning counted a node's lateness across a year not
 * loaded (a 'provisional' reason; 'calendar_missing' before provisional dates existed) are recomputed
 * in the loading transaction. recomputeWarnings writes the colour history and notifies when it worsens.
 */
onEvent('calendar.yearLoaded', async (tx, ctx, who, { year, calendar, today, recomputed }) => {
  const rows = await tx
    .select({ id: projects.id, colour: projects.warningColour })
    .from(projects)
    .where(
      sql`(${projects.warningReasons} @> '[{"rule":"provisional"}]'::jsonb or ${projects.warningReasons} @> '[{"rule":"calendar_missing"}]'::jsonb)`,
    )
    .orderBy(asc(projects.id));
  const before = new Map(rows.map((r) => [r.id, r.colour]));
  const results = await recomputeWarnings(
    tx,
    rows.map((r) => r.id),
    {
      cal: calendar,
      today,
      now: ctx.clock.now(),
      who,
      cause: { zh: `导入 ${year} 年节假日安排`, en: `The ${year} holiday schedule was loaded` },
    },
  );
  const moved = [...results].filter(([id, w]) => w.colour !== before.get(id)).map(([id]) => id);
  recomputed.warnings = { items: rows.length, moved };
});
