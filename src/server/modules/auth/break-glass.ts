import { randomBytes, randomInt } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { hashPassword } from '../../crypto/password.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { ADMIN_ROLES, type AdminRole, type RoleCode } from '../../../shared/roles.js';
import { passwordProblem } from '../../../shared/password-policy.js';
import { clearAttempts } from './login-attempts.js';
import { deleteUserSessions } from './session.repository.js';
import { findUserByUsername, lockUser, restoreAccount, rolesOf } from '../users/index.js';
import { replaceUserRoles } from '../roles/index.js';

export interface BreakGlassInput {
  username: string;
  /** Restore exactly this 三员 role (replacing whatever roles the account has). */
  role?: AdminRole | undefined;
  /** A chosen temporary password; otherwise one is generated. */
  password?: string | undefined;
  /** Leave the password alone (only restore the role / unlock / enable). */
  keepPassword?: boolean | undefined;
  /** Who ran the command (operating-system user and host), for the audit row. */
  operator: string;
}

export interface BreakGlassResult {
  userId: number;
  username: string;
  rolesBefore: RoleCode[];
  rolesAfter: RoleCode[];
  wasDisabled: boolean;
  /** The temporary password to hand over (must be changed at first login), when one was set. */
  temporaryPassword: string | null;
}

/** A temporary password that meets the policy: 16 characters of four classes. */
export function generateTemporaryPassword(): string {
  const pick = (s: string) => s[randomInt(s.length)] ?? '';
  return `${randomBytes(9).toString('base64url')}${pick('ABCDEFGHJKLMNPQRSTUVWXYZ')}${pick('abcdefghijkmnpqrstuvwxyz')}${pick('23456789')}${pick('@#%+=!')}`;
}

/**
 * The break-glass for 三员 accounts, run only from a shell on the server (`npm run admin:reset`):
 * no account inside the system may reset or re-role an administrator. Resets the password (the user
 * must change it at first login), optionally restores one administrator role, enables and unlocks
 * the account, ends its sessions, and writes one audit row naming the operator.
 */
export async function breakGlassReset(ctx: AppContext, input: BreakGlassInput): Promise<BreakGlassResult> {
  if (input.role && !(ADMIN_ROLES as readonly string[]).includes(input.role))
    throw invalid({
      zh: `--role 只能是 ${ADMIN_ROLES.join('、')}`,
      en: `--role must be one of ${ADMIN_ROLES.join(', ')}`,
    });
  const user = await findUserByUsername(ctx.db, input.username);
  if (!user) throw notFound({ zh: `用户 ${input.username}`, en: `User ${input.username}` });
  let temporaryPassword: string | null = null;
  if (!input.keepPassword) {
    temporaryPassword = input.password ?? generateTemporaryPassword();
    const problem = passwordProblem(temporaryPassword, user.username);
    if (problem) throw invalid({ zh: `--password：${problem.zh}`, en: `--password: ${problem.en}` });
  }
  const hash = temporaryPassword ? await hashPassword(temporaryPassword) : null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockUser(tx, user.id);
    const rolesBefore = await rolesOf(tx, user.id);
    const rolesAfter = input.role ? [input.role] : rolesBefore;
    if (!input.role && !rolesBefore.some((r) => (ADMIN_ROLES as readonly string[]).includes(r)))
      throw new AppError('CONFLICT', {
        zh: `${user.username} 不是管理员账号：业务用户的密码由系统管理员在系统内重置（如需恢复其管理员角色，请加 --role）`,
        en: `${user.username} is not an administrator account; reset business users in the system (or pass --role)`,
      });
    if (input.role) await replaceUserRoles(tx, user.id, [input.role], null, now);
    await restoreAccount(tx, user.id, hash, now);
    await deleteUserSessions(tx, user.id);
    await clearAttempts(tx, user.username);
    await recordAudit(
      tx,
      {
        userId: null,
        name: `server:admin-reset (${input.operator})`.slice(0, 120),
        scopePath: '/',
        ip: null,
        requestId: null,
      },
      {
        entity: 'user',
        entityId: user.id,
        action: 'break_glass',
        before: { username: user.username, roles: rolesBefore, disabled: user.disabled },
        after: { username: user.username, roles: rolesAfter, disabled: false, passwordReset: Boolean(hash) },
      },
      now,
    );
    return {
      userId: user.id,
      username: user.username,
      rolesBefore,
      rolesAfter,
      wasDisabled: user.disabled,
      temporaryPassword,
    };
  });
}
