import type { Permission } from '../../../shared/permissions.js';

/** 安全管理员 reads role definitions and grants roles; nobody else does. */
export const rolePolicy = {
  list: 'roles.read',
  grant: 'roles.grant',
} as const satisfies Record<string, Permission>;
