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
