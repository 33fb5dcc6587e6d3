import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { roles } from '../db/schema/index.js';
import { ROLES } from '../../shared/roles.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { getSetting, putSetting } from '../modules/settings/index.js';
import { chineseDaysExceptions, SEEDED_YEARS } from '../modules/calendar/index.js';
import { replaceYearDays } from '../modules/calendar/index.js';
import { recordAudit } from '../audit/audit.writer.js';
import { lockFirstStart } from './start-lock.js';

/** Role rows follow the code (src/shared/roles.ts) at every start; grants reference them. */
export async function syncRoles(ctx: AppContext): Promise<void> {
  const rows = Object.values(ROLES).map((r) => ({ code: r.code, kind: r.kind, nameZh: r.zh, nameEn: r.en }));
  await ctx.db.transaction(async (tx) => {
    await lockFirstStart(tx);
    await tx
      .insert(roles)
      .values(rows)
      .onConflictDoUpdate({
        target: roles.code,
        set: { kind: sql`excluded.kind`, nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en` },
      });
  });
}

/**
 * On the very first start, loads 2024–2026 from the chinese-days package. Only once: a year the
 * administrator later edits or removes stays as they left it.
 */
export async function seedCalendarOnce(ctx: AppContext): Promise<void> {
  if ((await getSetting(ctx.db, 'calendar_seeded')) !== undefined) return;
  const now = ctx.clock.now();
  const seeded = await ctx.db.transaction(async (tx) => {
    // Checked again under the first-start lock: of two servers starting at once, one seeds.
    await lockFirstStart(tx);
    if ((await getSetting(tx, 'calendar_seeded')) !== undefined) return false;
    for (const year of SEEDED_YEARS) {
      await replaceYearDays(tx, year, chineseDaysExceptions(year), {
        source: 'chinese-days',
        note: '国务院办公厅节假日安排通知',
        at: now,
        by: null,
      });
    }
    await putSetting(tx, 'calendar_seeded', { years: SEEDED_YEARS, at: now.toISOString() }, null, now);
    await recordAudit(
      tx,
      SYSTEM_ACTOR,
      { entity: 'calendar', entityId: null, action: 'seed', after: { years: SEEDED_YEARS, source: 'chinese-days' } },
      now,
    );
    return true;
  });
  if (seeded) ctx.calendar.invalidate();
}
