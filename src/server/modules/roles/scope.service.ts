import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { isTriadAccount, TRIAD_ACCOUNT_PROTECTED } from '../../../domain/separation.js';
import { findUnitInScope } from '../orgs/index.js';
import { getUser, lockUser, rolesOf, setScopeUnit, type UserView } from '../users/index.js';

const UNIT = { zh: '数据范围（所属单位）', en: 'Scope unit' };

/**
 * Moves a user's scope (the org subtree they see): a grant, so the security administrator's, and
 * audited with the unit before and after. Never one's own scope, never a 三员 account's.
 */
export async function setUserScope(
  ctx: AppContext,
  actor: Actor,
  userId: number,
  scopeUnitId: number,
): Promise<UserView> {
  const before = await getUser(ctx, actor, userId); // 404 outside the actor's subtree
  if (userId === actor.userId) throw conflict({ zh: '不能修改自己的数据范围', en: 'You cannot change your own scope' });
  const unit = await findUnitInScope(ctx.db, actor.scope.path, scopeUnitId);
  if (!unit) throw notFound(UNIT);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockUser(tx, userId);
    if (isTriadAccount(await rolesOf(tx, userId))) throw new AppError('FORBIDDEN', TRIAD_ACCOUNT_PROTECTED);
    await setScopeUnit(tx, userId, scopeUnitId, now);
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'user_scope',
        entityId: userId,
        action: 'grant_scope',
        before: { scopeUnitId: before.scopeUnit.id, scopeUnitName: before.scopeUnit.name },
        after: { scopeUnitId, scopeUnitName: unit.name },
      },
      now,
    );
  });
  return getUser(ctx, actor, userId);
}
