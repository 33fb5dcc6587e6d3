import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { auditActorOf, SYSTEM_ACTOR, type Actor } from '../../actor.js';
import { AppError, invalid } from '../../errors.js';
import { calendarYears, projects, warningRules } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { chinaDate } from '../../../domain/dates.js';
import { checkWarningRules, DEFAULT_WARNING_RULES, type WarningRules } from '../../../domain/warnings.js';
import { getSetting, putSetting } from '../settings/index.js';
import { presentReasons, regionOfPath, requireProject } from '../projects/index.js';
import type { RegionRules, WarningMonth } from '../../../shared/api/warnings.js';
import { rulesForRegions, warningMonthsOf } from './warning.repository.js';
import { recomputeWarnings, type RecomputeOptions } from './warning.service.js';

const BATCH = 1000;

/** Every project id of a region (or all), in id order, a batch at a time. */
async function* projectIdBatches(db: Executor, regionId?: number): AsyncGenerator<number[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(gt(projects.id, after), regionId ? eq(projects.regionUnitId, regionId) : undefined))
      .orderBy(asc(projects.id))
      .limit(BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    after = rows[rows.length - 1]?.id as number;
  }
}

async function requireRegion(ctx: AppContext, actor: Actor) {
  const region = await regionOfPath(ctx.db, actor.scope.path);
  if (!region) throw invalid({ zh: '当前账号不属于任何区域', en: 'This account belongs to no region' });
  return region;
}

export async function getRegionRules(ctx: AppContext, actor: Actor): Promise<RegionRules> {
  const region = await requireRegion(ctx, actor);
  const stored = (await rulesForRegions(ctx.db, [region.id])).get(region.id);
  return {
    region: { id: region.id, name: region.name },
    rules: stored?.rules ?? DEFAULT_WARNING_RULES,
    defaults: DEFAULT_WARNING_RULES,
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt?.toISOString() ?? null,
  };
}

/** A project's colour for every month (404 when the actor may not see the project). */
export async function getWarningMonths(
  ctx: AppContext,
  actor: Actor,
  projectId: number,
): Promise<{ data: WarningMonth[] }> {
  await requireProject(ctx, actor, projectId);
  const rows = await warningMonthsOf(ctx.db, actor, projectId);
  return {
    data: rows.map((m) => ({
      month: m.month,
      colour: m.colour as WarningMonth['colour'],
      worstColour: m.worstColour as WarningMonth['worstColour'],
      reasons: presentReasons(m.reasons, actor.lang),
      rulesVersion: m.rulesVersion,
      computedAt: m.computedAt.toISOString(),
    })),
  };
}

/**
 * Saves a region's warning rules and recomputes every project of the region in the same transaction.
 * This month's colours follow the new rules (the worst colour seen this month is kept); earlier months
 * keep the colours they had, with the rule version that produced them.
 */
export async function updateRegionRules(
  ctx: AppContext,
  actor: Actor,
  rules: WarningRules,
  version: number,
): Promise<{ recomputed: number }> {
  const region = await requireRegion(ctx, actor);
  if (actor.scope.unitId !== region.id)
    throw new AppError('FORBIDDEN', {
      zh: `只有「${region.name}」的组织部可以修改预警规则`,
      en: 'Only the region’s organisation department may change the rules',
    });
  const problems = checkWarningRules(rules);
  if (problems.length)
    throw invalid({
      zh: `预警规则：${problems.map((p) => p.zh).join('；')}`,
      en: `rules: ${problems.map((p) => p.en).join('; ')}`,
    });
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  const who = auditActorOf(actor);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(warningRules)
      .where(eq(warningRules.regionUnitId, region.id))
      .for('update');
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== version)
      throw new AppError(
        'CONFLICT',
        {
          zh: '预警规则已被他人修改，请刷新后重试',
          en: 'The rules were changed by someone else; reload and try again',
        },
        { version: currentVersion },
      );
    await tx
      .insert(warningRules)
      .values({ regionUnitId: region.id, rules, version: currentVersion + 1, updatedAt: now, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: warningRules.regionUnitId,
        set: { rules, version: currentVersion + 1, updatedAt: now, updatedBy: actor.userId },
      });
    const opts: RecomputeOptions = {
      cal,
      today: chinaDate(now),
      now,
      who,
      cause: { zh: '预警规则调整', en: 'Rules changed' },
    };
    let n = 0;
    for await (const ids of projectIdBatches(tx, region.id)) {
      await recomputeWarnings(tx, ids, opts);
      n += ids.length;
    }
    await recordAudit(
      tx,
      who,
      {
        entity: 'warning_rules',
        entityId: region.id,
        action: 'update',
        before: current?.rules ?? DEFAULT_WARNING_RULES,
        after: { rules, version: currentVersion + 1, recomputed: n },
      },
      now,
    );
    return { recomputed: n };
  });
}

/**
 * The daily recomputation: time passing makes nodes late and months go by. Runs once per China date
 * (the scheduler calls it hourly) and again when the working-day calendar changed since the last run
 * (a holiday loaded or edited changes lateness); a transaction per batch so a large region never
 * holds one long transaction; one audit row per run.
 */
export async function runDailyWarnings(
  ctx: AppContext,
  opts: { force?: boolean } = {},
): Promise<{ skipped: boolean; projects: number }> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const last = (await getSetting(ctx.db, 'warnings.daily')) as
    { date?: string; calendarAt?: string | null } | undefined;
  const [cy] = await ctx.db
    .select({ at: sql<string | null>`max(${calendarYears.updatedAt})::text` })
    .from(calendarYears);
  const calendarAt = cy?.at ?? null;
  if (!opts.force && last?.date === today && last.calendarAt === calendarAt) return { skipped: true, projects: 0 };
  const cal = await ctx.calendar.get();
  const base: RecomputeOptions = {
    cal,
    today,
    now,
    who: SYSTEM_ACTOR,
    cause: { zh: '每日重算', en: 'Daily recomputation' },
  };
  let n = 0;
  for await (const ids of projectIdBatches(ctx.db)) {
    await ctx.db.transaction(async (tx) => {
      await recomputeWarnings(tx, ids, base);
    });
    n += ids.length;
  }
  await ctx.db.transaction(async (tx) => {
    await putSetting(tx, 'warnings.daily', { date: today, calendarAt, projects: n, at: now.toISOString() }, null, now);
    await recordAudit(
      tx,
      SYSTEM_ACTOR,
      { entity: 'warning_rules', entityId: null, action: 'recompute', after: { date: today, projects: n } },
      now,
    );
  });
  return { skipped: false, projects: n };
}
