import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../actor.js';
import { invalid, notFound } from '../../errors.js';
import { chinaDate } from '../../../domain/dates.js';
import { PARTY_ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import { findPersonInScope, findUnitInScope } from './people.repository.js';
import type { PresentOpts } from './people.presenter.js';

/** The guards every people service starts with: the person or org in the actor's scope, else 404. */

export const PERSON = { zh: '人员', en: 'Person' };

export function presentOpts(ctx: AppContext, actor: Actor): PresentOpts {
  return {
    lang: actor.lang,
    today: chinaDate(ctx.clock.now()),
  };
}

export async function requirePerson(ctx: AppContext, actor: Actor, id: number, db: Executor = ctx.db) {
  const row = await findPersonInScope(db, actor, id);
  if (!row) throw notFound(PERSON);
  return row;
}

/** A party org in the actor's subtree that can hold relations: else 404 (out of scope) or 400. */
export async function requireRelationOrg(db: Executor, actor: Actor, id: number, label = '所在党组织') {
  const u = await findUnitInScope(db, actor, id);
  if (!u) throw notFound({ zh: label, en: 'Organisation' });
  if (!PARTY_ORG_KINDS.includes(u.kind as OrgKind))
    throw invalid({ zh: `${label}：必须是党组织`, en: 'The unit is not a party organisation' });
  return u;
}
