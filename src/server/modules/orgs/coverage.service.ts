import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { coverageProposals, partyOrgs } from '../../db/schema/index.js';
import { chinaDate, daysBetween } from '../../../domain/dates.js';
import {
  checkGroup,
  classify,
  formalMembers,
  RATE_FORMULAS,
  rates,
  ratesOf,
  type CoverageClass,
  type CoverageUnit,
} from '../../../domain/coverage.js';
import { nextElection } from '../../../domain/org-rules.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { findUnitInScope, insertUnit } from './org.repository.js';
import { townshipPartyOrgs } from './party-org.repository.js';
import { writeCoverage, type CoveredInput } from './party-org.binding.js';
import { enrolWorkingMembers } from '../people/index.js';
import { loadCoverageUnits, type LoadedUnits } from './coverage.repository.js';
import { summariseCoverageUnits, type ClassGroup } from './coverage.summary.repository.js';
import { storedUnits } from './coverage.proposals.js';
import { refreshCoverageClasses } from './coverage.classify.repository.js';
import { summariseStoredUnits } from './coverage.stored.repository.js';
import { claimProposal, findProposal, listSetupTaskRows } from './coverage-tasks.repository.js';

export const CLASS_LABELS: Record<CoverageClass, { zh: string; en: string }> = {
  own_branch: { zh: '单独建立党组织', en: 'Covered by its own branch' },
  joint_branch: { zh: '联合党支部覆盖', en: 'Covered by a joint branch' },
  needs_own: { zh: '应单独组建（正式党员≥3名）', en: 'Needs its own branch (≥ 3 formal members)' },
  needs_joint: { zh: '需联合组建（正式党员<3名）', en: 'Needs a joint branch (< 3 formal members)' },
};

const PROPOSAL = { zh: '组建建议', en: 'Proposal' };

export interface UnitView extends CoverageUnit {
  formalMembers: number;
  class: CoverageClass;
  classZh: string;
  townshipName: string;
}

function unitViews(l: LoadedUnits): UnitView[] {
  const names = new Map(l.areas.map((a) => [a.id, a.name]));
  return l.units.map((u) => {
    const c = classify(u);
    return {
      ...u,
      formalMembers: formalMembers(u),
      class: c,
      classZh: CLASS_LABELS[c].zh,
      townshipName: names.get(u.areaId) ?? '',
    };
  });
}

export interface CoverageQuery {
  class?: CoverageClass | undefined;
  townshipId?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

const FORMULAS = {
  ...RATE_FORMULAS,
  classes: CLASS_LABELS,
  memberCounting: {
    zh: '正式党员按工作单位计一次：在建项目上的按项目计，否则按所在企业计；组织关系在覆盖该单位的党组织的计为“组织关系在此”，其余计为“参与管理”',
    en: 'Each formal member counts once: at the started project they work on, else at their employer firm; “by relation” when their relation org covers the unit, otherwise “by participation”',
  },
};

const COVERED: ReadonlySet<CoverageClass> = new Set(['own_branch', 'joint_branch']);

/**
 * 覆盖情况: units by class, 组织覆盖率 and 工作覆盖率 for the region and each township, with the formulas.
 * Read from the stored classes (coverage_unit_class, decision 032) after reclassifying what writes
 * marked dirty; a scope they do not describe exactly runs the full statement (decision 026).
 */
export async function coverageOverview(ctx: AppContext, actor: Actor, query: CoverageQuery) {
  const start = (query.page - 1) * query.pageSize;
  const filter = { class: query.class, townshipId: query.townshipId, q: query.q, limit: query.pageSize, offset: start };
  // the stored classes first brought up to date (on the primary: a replica cannot write)
  await refreshCoverageClasses(ctx.db);
  const s =
    (await summariseStoredUnits(ctx.readDb, actor.scope.path, filter)) ??
    (await summariseCoverageUnits(ctx.readDb, actor.scope.path, filter));
  const names = new Map(s.areas.map((a) => [a.id, a.name]));
  const byClass = { own_branch: 0, joint_branch: 0, needs_own: 0, needs_joint: 0 } as Record<CoverageClass, number>;
  const tally = new Map<number | 'all', { n: number; org: number; work: number }>();
  const add = (k: number | 'all', g: ClassGroup) => {
    const t = tally.get(k) ?? { n: 0, org: 0, work: 0 };
    const org = COVERED.has(g.class);
    t.n += g.n;
    if (org) t.org += g.n;
    if (org || g.hasInstructor) t.work += g.n;
    tally.set(k, t);
  };
  for (const g of s.groups) {
    byClass[g.class] += g.n;
    add(g.areaId, g);
    add('all', g);
  }
  const ratesFor = (k: number | 'all') => {
    const t = tally.get(k) ?? { n: 0, org: 0, work: 0 };
    return ratesOf(t.n, t.org, t.work);
  };
  return {
    formulas: FORMULAS,
    // the figures are the actor's subtree: name that scope (a township for its 专员), not the region above it
    region: { id: actor.scope.unitId, name: actor.scope.name, ...ratesFor('all') },
    townships: s.areas.map((a) => ({ id: a.id, name: a.name, ...ratesFor(a.id) })).filter((t) => t.units > 0),
    byClass,
    units: {
      data: s.page.map((u) => ({
        ...u,
        formalMembers: formalMembers(u),
        classZh: CLASS_LABELS[u.class].zh,
        townshipName: names.get(u.areaId) ?? '',
      })),
      total: s.total,
      page: query.page,
      pageSize: query.pageSize,
    },
  };
}

/**
 * The same answer computed the old way: every unit loaded into JS and classified there. Kept for
 * the bench (the baseline) and for the test that the database classification agrees with it.
 */
export async function coverageOverviewFromAllUnits(ctx: AppContext, actor: Actor, query: CoverageQuery) {
  const loaded = await loadCoverageUnits(ctx.db, actor.scope.path);
  const views = unitViews(loaded);
  const byClass = { own_branch: 0, joint_branch: 0, needs_own: 0, needs_joint: 0 } as Record<CoverageClass, number>;
  for (const v of views) byClass[v.class]++;
  const townships = loaded.areas
    .map((a) => ({ id: a.id, name: a.name, ...rates(loaded.units.filter((u) => u.areaId === a.id)) }))
    .filter((t) => t.units > 0);
  const filtered = views
    .filter((v) => !query.class || v.class === query.class)
    .filter((v) => !query.townshipId || v.areaId === query.townshipId)
    .filter((v) => !query.q || v.name.includes(query.q))
    .sort((a, b) => a.areaId - b.areaId || (a.key < b.key ? -1 : 1));
  const start = (query.page - 1) * query.pageSize;
  return {
    formulas: FORMULAS,
    region: { id: actor.scope.unitId, name: actor.scope.name, ...rates(loaded.units) },
    townships,
    byClass,
    units: {
      data: views.length ? filtered.slice(start, start + query.pageSize) : [],
      total: filtered.length,
      page: query.page,
      pageSize: query.pageSize,
    },
  };
}

async function requireProposal(ctx: AppContext, actor: Actor, id: number) {
  const row = await findProposal(ctx.db, actor, id);
  if (!row) throw notFound(PROPOSAL);
  if (row.status !== 'open')
    throw conflict({
      zh: `该建议已${row.status === 'accepted' ? '采纳' : row.status === 'rejected' ? '否决' : '过期'}，请刷新`,
      en: `The proposal is ${row.status}; reload`,
    });
  return row;
}

export interface AcceptInput {
  name?: string | undefined;
  parentOrgUnitId?: number | undefined;
  removeKeys?: string[] | undefined;
  addKeys?: string[] | undefined;
  establishedOn?: string | undefined;
  docNo?: string | undefined;
}

/**
 * 采纳: checks the (possibly edited) group against every constraint on today's data, then in one
 * transaction creates the 联合党支部 node, its details, the coverage links (projects and firms), the
 * projects' branch where none was set, closes their 三同步 tasks, marks the proposal and audits.
 */
export async function acceptProposal(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: AcceptInput,
): Promise<{ orgUnitId: number }> {
  const row = await requireProposal(ctx, actor, id);
  const loaded = await loadCoverageUnits(ctx.db, row.areaPath);
  const current = new Map(loaded.units.map((u) => [u.key, u]));
  const stored = (row.units as Array<{ key: string; name: string }>).map((u) => u.key);
  const keys = [
    ...new Set([...stored.filter((k) => !(input.removeKeys ?? []).includes(k)), ...(input.addKeys ?? [])]),
  ].sort();
  const missing = keys.filter((k) => !current.has(k));
  if (missing.length)
    throw new AppError('UNPROCESSABLE', {
      zh: `单位不存在或不在本乡镇的在建项目和企业中：${missing.join('、')}`,
      en: `Units not found in this township: ${missing.join(', ')}`,
    });
  const group = keys.map((k) => current.get(k)!);
  const problems = checkGroup(group).concat(
    group.some((u) => u.areaId !== row.areaUnitId)
      ? [{ code: 'mixed_area', zh: '单位不在本乡镇（街道）', en: 'Units outside this township' }]
      : [],
  );
  if (problems.length)
    throw new AppError(
      'UNPROCESSABLE',
      {
        zh: `不符合组建条件：${problems.map((p) => p.zh).join('；')}`,
        en: `Constraints not met: ${problems.map((p) => p.en).join('; ')}`,
      },
      { problems },
    );
  let parentId = input.parentOrgUnitId;
  if (parentId !== undefined) {
    const parent = await findUnitInScope(ctx.db, actor.scope.path, parentId);
    if (!parent) throw notFound({ zh: '上级党组织', en: 'Parent organisation' });
  } else parentId = (await townshipPartyOrgs(ctx.db, row.areaPath, actor.scope.path))[0]?.id ?? row.areaUnitId;
  const name = input.name ?? row.name;
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const who = auditActorOf(actor);
  const covered: CoveredInput[] = [];
  for (const k of keys) {
    const ref = loaded.refs.get(k)!;
    // a firm folded into its one project is that project's site: the project link covers both
    if (ref.projectId !== null) covered.push({ kind: 'project', id: ref.projectId });
    else for (const f of ref.firmIds) covered.push({ kind: 'unit', id: f });
  }
  return ctx.db.transaction(async (tx) => {
    await claimProposal(tx, id, row.version, { status: 'accepted', decidedBy: actor.userId, decidedAt: now });
    const unit = await insertUnit(tx, { parentId: parentId!, kind: 'joint_branch', name, pinyin: pinyinKey(name) });
    await tx.insert(partyOrgs).values({
      unitId: unit.id,
      establishedOn: input.establishedOn ?? today,
      docNo: input.docNo ?? null,
      termYears: 3,
      termStartedOn: input.establishedOn ?? today,
      nextElectionOn: nextElection(input.establishedOn ?? today, 3),
      updatedAt: now,
    });
    await writeCoverage(tx, unit.id, covered, today);
    // 双向管理: the party members working at the units take part in the new branch; relations stay where they are
    const projectIds = keys.map((k) => loaded.refs.get(k)!.projectId).filter((x): x is number => x !== null);
    const firmIds = keys.flatMap((k) => loaded.refs.get(k)!.firmIds);
    await enrolWorkingMembers(tx, unit.id, { projectIds, firmIds }, today);
    await tx
      .update(coverageProposals)
      .set({
        createdOrgUnitId: unit.id,
        name,
        units: storedUnits(group),
        formalMembers: group.reduce((s, u) => s + formalMembers(u), 0),
        decisionNote: keys.join(',') === row.groupKey ? null : `调整：${keys.join(',')}`,
      })
      .where(eq(coverageProposals.id, id));
    await recordAudit(
      tx,
      who,
      {
        entity: 'coverage_proposal',
        entityId: id,
        action: 'accept',
        before: { groupKey: row.groupKey, name: row.name },
        after: { orgUnitId: unit.id, name, units: keys, parentId, covered },
      },
      now,
    );
    return { orgUnitId: unit.id };
  });
}

export async function rejectProposal(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<void> {
  const row = await requireProposal(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await claimProposal(tx, id, row.version, {
      status: 'rejected',
      decidedBy: actor.userId,
      decidedAt: now,
      decisionNote: reason,
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'coverage_proposal',
        entityId: id,
        action: 'reject',
        before: { status: 'open' },
        after: { status: 'rejected', reason },
      },
      now,
    );
  });
}

/** 三同步 tasks in scope (project's township in the actor's subtree), open first, with days left. */
export async function listSetupTasks(
  ctx: AppContext,
  actor: Actor,
  q: { status?: string | undefined; page: number; pageSize: number },
) {
  const today = chinaDate(ctx.clock.now());
  const { rows, total } = await listSetupTaskRows(ctx.db, actor, q);
  return {
    data: rows.map((r) => ({ ...r, daysLeft: r.status === 'open' ? daysBetween(today, r.dueOn) : null })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
