import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { notFound } from '../../errors.js';
import { chinaDate } from '../../../domain/dates.js';
import type { OrgKind } from '../../../shared/org-kinds.js';
import { findUnitInScope, listSubtree, searchUnits } from './org.repository.js';
import { nestTree, partyView, presentOrg, presentOption } from './org.presenter.js';
import { branchesToTransformOrClose, loadPartyDetails } from './party-org.repository.js';

/* The org tree as read: the subtree, one unit, the picker's options, branches to transform or close. */

const ORG = { zh: '组织', en: 'Organisation' };

/** The actor's subtree nested under its scope node, party nodes with details and rule warnings. */
export async function orgTree(ctx: AppContext, actor: Actor, includeClosed: boolean) {
  const rows = await listSubtree(ctx.db, actor, { includeClosed });
  return { data: nestTree(rows, await loadPartyDetails(ctx.db, rows), chinaDate(ctx.clock.now())) };
}

/** One unit of the actor's subtree (else 404), with its party details and warnings. */
export async function orgDetail(ctx: AppContext, actor: Actor, id: number) {
  const unit = await findUnitInScope(ctx.db, actor.scope.path, id);
  if (!unit) throw notFound(ORG);
  return {
    ...presentOrg(unit),
    ...partyView(unit.kind, (await loadPartyDetails(ctx.db, [unit])).get(unit.id), chinaDate(ctx.clock.now())),
  };
}

/** 选择组织: open units of the subtree by name or pinyin initials. */
export async function orgOptions(
  ctx: AppContext,
  actor: Actor,
  q: { q?: string | undefined; kind?: OrgKind | OrgKind[] | undefined; limit: number },
) {
  const kinds = q.kind === undefined ? undefined : Array.isArray(q.kind) ? q.kind : [q.kind];
  const rows = await searchUnits(ctx.db, actor, { q: q.q, kinds, limit: q.limit });
  return { data: rows.map(presentOption) };
}

/** Temporary and joint branches whose covered projects are all completed (转型或撤销). */
export async function lifecycleBranches(ctx: AppContext, actor: Actor) {
  return { data: await branchesToTransformOrClose(ctx.db, actor) };
}
