import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, conflict } from '../../errors.js';
import { userRoles } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { roleChangeViolation } from '../../../domain/separation.js';
import { ROLES, type RoleCode } from '../../../shared/roles.js';
import { lockUser, rolesOf } from '../users/index.js';
import { getUser } from '../users/index.js';
import type { UserView } from '../users/index.js';

export function listRoleDefinitions() {
  return Object.values(ROLES).map((r) => ({
    code: r.code,
    kind: r.kind,
    zh: r.zh,
    en: r.en,
    descriptionZh: r.descriptionZh,
    descriptionEn: r.descriptionEn,
    permissions: [...r.permissions],
  }));
}

/**
 * Replaces a user's roles. Refuses what breaks 三员分立 (a 三员 account's roles are never edited
 * here; a business user never becomes one) and any change to one's own roles (an administrator
 * cannot widen their own rights).
 */
export async function setUserRoles(
  ctx: AppContext,
  actor: Actor,
  userId: number,
  roles: RoleCode[],
): Promise<UserView> {
  await getUser(ctx, actor, userId); // 404 outside the actor's subtree
  if (userId === actor.userId) throw conflict({ zh: '不能修改自己的角色', en: 'You cannot change your own roles' });
  const wanted = [...new Set(roles)].sort();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const before = await rolesOf(tx, userId);
    const violation = roleChangeViolation(before, wanted);
    if (violation)
      throw new AppError(violation.kind === 'triad_target' ? 'FORBIDDEN' : 'SEPARATION_OF_DUTIES', violation.text);
    const removed = before.filter((r) => !wanted.includes(r));
    const added = wanted.filter((r) => !before.includes(r));
    if (removed.length)
      await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), inArray(userRoles.roleCode, removed)));
    if (added.length)
      await tx
        .insert(userRoles)
        .values(added.map((roleCode) => ({ userId, roleCode, grantedBy: actor.userId, grantedAt: now })));
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'user_roles', entityId: userId, action: 'grant', before: { roles: before }, after: { roles: wanted } },
      now,
    );
  });
  return getUser(ctx, actor, userId);
}

/** Replaces every role of a user at once (the server break-glass restoring a 三员 role), on the caller's transaction. */
export async function replaceUserRoles(
  tx: Executor,
  userId: number,
  roles: RoleCode[],
  grantedBy: number | null,
  at: Date,
): Promise<void> {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length)
    await tx.insert(userRoles).values(roles.map((roleCode) => ({ userId, roleCode, grantedBy, grantedAt: at })));
}
