import { ADMIN_ROLES, type RoleCode } from '../shared/roles.js';

/**
 * 三员分立 (separation of the three administrators, 等保 2.0): a user holding an administrator role
 * (系统管理员, 安全管理员, 审计管理员) holds exactly that one role — no second administrator role and
 * no business role. Returns the reason a role set is refused, or null when it is allowed.
 */
export function separationViolation(roles: readonly RoleCode[]): { zh: string; en: string } | null {
  const admin = roles.filter((r) => (ADMIN_ROLES as readonly string[]).includes(r));
  if (admin.length > 1)
    return {
      zh: '三员分立：系统管理员、安全管理员、审计管理员不能由同一人兼任',
      en: 'Separation of duties: one person cannot hold two administrator roles',
    };
  if (admin.length === 1 && roles.length > 1)
    return {
      zh: '三员分立：管理员账号不能同时拥有业务角色',
      en: 'Separation of duties: an administrator account cannot hold business roles',
    };
  return null;
}

/** A 三员 account: one holding 系统管理员, 安全管理员 or 审计管理员. */
export function isTriadAccount(roles: readonly RoleCode[]): boolean {
  return roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r));
}

/**
 * Whether a role edit from `before` to `wanted` may be made inside the system (by the security
 * administrator). A 三员 account's roles are never edited there (the server-side `admin:reset`
 * command is the break-glass), and a business user is never turned into a 三员 account.
 */
export function roleChangeViolation(
  before: readonly RoleCode[],
  wanted: readonly RoleCode[],
): { kind: 'triad_target' | 'composition'; text: { zh: string; en: string } } | null {
  const same = before.length === wanted.length && before.every((r) => wanted.includes(r));
  if (isTriadAccount(before) && !same)
    return {
      kind: 'triad_target',
      text: {
        zh: '三员分立：管理员账号（系统管理员、安全管理员、审计管理员）的角色不能在系统内修改；如确需恢复，请由运维人员在服务器上执行 npm run admin:reset',
        en: 'Separation of duties: an administrator account’s roles cannot be changed in the system; use npm run admin:reset on the server',
      },
    };
  if (before.length > 0 && !isTriadAccount(before) && isTriadAccount(wanted))
    return {
      kind: 'composition',
      text: {
        zh: '三员分立：业务用户不能改为管理员账号，请为管理员另建专用账号',
        en: 'Separation of duties: a business user cannot become an administrator account; create a dedicated account',
      },
    };
  const v = separationViolation(wanted);
  return v ? { kind: 'composition', text: v } : null;
}

/** The refusal when one 三员 account would change another's password, status or details. */
export const TRIAD_ACCOUNT_PROTECTED = {
  zh: '三员分立：不能修改、停用、解锁其他管理员账号（系统管理员、安全管理员、审计管理员）或重置其密码；如确需处理，请由运维人员在服务器上执行 npm run admin:reset',
  en: 'Separation of duties: administrator accounts cannot change, disable, unlock or reset one another; use npm run admin:reset on the server',
};
