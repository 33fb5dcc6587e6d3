import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Actor, AuditActor } from '../../actor.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { coverageProposals } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import {
  formalMembers,
  proposeJointBranches,
  DEFAULT_RULES,
  type CoverageUnit,
  type Proposal,
} from '../../../domain/coverage.js';
import type { ProposalRow, RecomputeResult } from '../../../shared/api/orgs.js';
import { loadCoverageUnits, type Area } from './coverage.repository.js';
import { refreshCoverageClasses } from './coverage.classify.repository.js';
import { storedProposalCandidates } from './coverage.stored.repository.js';

/**
 * The units proposals are made from: the stored 需联合组建 units of the scope (decision 032), brought
 * up to date first; every unit loaded and classified when the stored rows do not describe the scope.
 */
async function proposalUnits(ctx: AppContext, scopePath: string): Promise<{ units: CoverageUnit[]; areas: Area[] }> {
  await refreshCoverageClasses(ctx.db);
  return (await storedProposalCandidates(ctx.db, scopePath)) ?? (await loadCoverageUnits(ctx.db, scopePath));
}

function proposalNames(proposals: Proposal[], areaName: (id: number) => string): string[] {
  const used = new Map<string, number>();
  return proposals.map((p) => {
    const base = `${areaName(p.areaId)}${p.industries.length === 1 ? p.industries[0] : '项目一线'}联合党支部`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}（${n}）`;
  });
}

export const storedUnits = (units: CoverageUnit[]) =>
  units.map((u) => ({
    key: u.key,
    kind: u.kind,
    id: u.id,
    name: u.name,
    members: formalMembers(u),
    byRelation: u.byRelation,
    byParticipation: u.byParticipation,
    lng: u.lng,
    lat: u.lat,
    industry: u.industry,
  }));

/** JSON with sorted keys: jsonb does not keep key order, so compare this way. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

/** Serialises recomputation, so two refreshes cannot insert the same proposal twice. */
const PROPOSALS_LOCK = 7_305_2051;

/**
 * 重新计算: computes the joint-branch proposals for a subtree and stores them: an open proposal
 * computed again is refreshed, one no longer computed becomes stale, an accepted or rejected one is
 * kept as decided (and not proposed again). Audited when anything changed. Called by
 * `POST /api/coverage/proposals/recompute` (the actor's subtree) and the nightly job (the region).
 */
export async function recomputeProposals(
  ctx: AppContext,
  scopePath: string,
  who: AuditActor,
): Promise<RecomputeResult> {
  const loaded = await proposalUnits(ctx, scopePath);
  const computed = proposeJointBranches(loaded.units);
  const areas = new Map(loaded.areas.map((a) => [a.id, a]));
  // proposals are made and kept per township: an actor below a township sees its units, not proposals
  const proposals = computed.proposals.filter((p) => areas.get(p.areaId)!.path.startsWith(scopePath));
  const names = proposalNames(proposals, (id) => areas.get(id)?.name ?? '');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PROPOSALS_LOCK})`);
    const existing = await tx.select().from(coverageProposals).where(inSubtree(coverageProposals.areaPath, scopePath));
    const byKey = new Map(existing.map((e) => [e.groupKey, e]));
    const wanted = new Set(proposals.map((p) => p.groupKey));
    const staleIds = existing.filter((e) => e.status === 'open' && !wanted.has(e.groupKey)).map((e) => e.id);
    if (staleIds.length)
      await tx
        .update(coverageProposals)
        .set({ status: 'stale', computedAt: now })
        .where(inArray(coverageProposals.id, staleIds));
    const fresh: Array<typeof coverageProposals.$inferInsert> = [];
    let refreshed = 0;
    for (const [i, p] of proposals.entries()) {
      const area = areas.get(p.areaId)!;
      const values = {
        name: names[i]!,
        units: storedUnits(p.units),
        reasons: p.reasons,
        formalMembers: p.formalMembers,
        computedAt: now,
      };
      const e = byKey.get(p.groupKey);
      if (!e) fresh.push({ areaUnitId: area.id, areaPath: area.path, groupKey: p.groupKey, status: 'open', ...values });
      else if (
        e.status === 'stale' ||
        (e.status === 'open' &&
          canonical([e.name, e.units, e.reasons, e.formalMembers]) !==
            canonical([values.name, values.units, values.reasons, values.formalMembers]))
      ) {
        refreshed++;
        await tx
          .update(coverageProposals)
          .set({ ...values, status: 'open', version: sql`${coverageProposals.version} + 1` })
          .where(eq(coverageProposals.id, e.id));
      }
    }
    // new proposals in batches (one statement per 500), not one INSERT each
    for (let i = 0; i < fresh.length; i += 500) await tx.insert(coverageProposals).values(fresh.slice(i, i + 500));
    const decided = (key: string) => ['accepted', 'rejected'].includes(byKey.get(key)?.status ?? '');
    const result = {
      computedAt: now.toISOString(),
      open: proposals.filter((p) => !decided(p.groupKey)).length,
      added: fresh.length,
      refreshed,
      stale: staleIds.length,
    };
    if (fresh.length || refreshed || staleIds.length)
      await recordAudit(
        tx,
        who,
        {
          entity: 'coverage_proposal',
          entityId: null,
          action: 'recompute',
          after: { scope: scopePath, added: fresh.length, refreshed, stale: staleIds.length },
        },
        now,
      );
    return result;
  });
}

/**
 * The stored proposals in the actor's subtree (reads only; 重新计算 is a POST), with the units no
 * proposal could take on today's data and when the stored ones were last computed.
 */
export async function listProposals(
  ctx: AppContext,
  actor: Actor,
  q: { status?: string | undefined; page: number; pageSize: number },
) {
  const loaded = await proposalUnits(ctx, actor.scope.path);
  const { leftOver } = proposeJointBranches(loaded.units);
  const areas = new Map(loaded.areas.map((a) => [a.id, a]));
  const conds = [
    inSubtree(coverageProposals.areaPath, actor.scope.path),
    q.status
      ? eq(coverageProposals.status, q.status)
      : inArray(coverageProposals.status, ['open', 'accepted', 'rejected']),
  ];
  const start = (q.page - 1) * q.pageSize;
  // one page, and the total apart: not every stored proposal of the region
  const rows = await ctx.db
    .select()
    .from(coverageProposals)
    .where(and(...conds))
    .orderBy(
      sql`case ${coverageProposals.status} when 'open' then 0 else 1 end`,
      asc(coverageProposals.areaUnitId),
      asc(coverageProposals.groupKey),
      desc(coverageProposals.id),
    )
    .limit(q.pageSize)
    .offset(start);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(coverageProposals)
    .where(and(...conds));
  const [last] = await ctx.db
    .select({ at: sql<string | null>`max(${coverageProposals.computedAt})` })
    .from(coverageProposals)
    .where(inSubtree(coverageProposals.areaPath, actor.scope.path));
  const areaName = (id: number) => areas.get(id)?.name ?? '';
  return {
    data: rows.map((r) => ({
      ...r,
      status: r.status as ProposalRow['status'],
      units: r.units as ProposalRow['units'],
      reasons: r.reasons as ProposalRow['reasons'],
      decidedAt: r.decidedAt?.toISOString() ?? null,
      computedAt: r.computedAt.toISOString(),
      areaName: areaName(r.areaUnitId),
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    /** when the stored proposals were last computed (null: never; press 重新计算) */
    computedAt: last?.at ? new Date(last.at).toISOString() : null,
    rules: DEFAULT_RULES,
    /** small units no proposal could take (no neighbour within reach): covered by work (党建指导员) meanwhile */
    leftOver: leftOver.map((u) => ({
      key: u.key,
      name: u.name,
      areaId: u.areaId,
      members: formalMembers(u),
      lng: u.lng,
      lat: u.lat,
      industry: u.industry,
    })),
  };
}
