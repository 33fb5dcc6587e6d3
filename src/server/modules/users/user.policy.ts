import type { Permission } from '../../../shared/permissions.js';

/** Who may do what with user accounts (系统管理员 manages accounts; 安全管理员 only reads them to grant roles). */
export const userPolicy = {
  list: 'users.read',
  read: 'users.read',
  create: 'users.write',
  update: 'users.write',
  resetPassword: 'users.write',
  unlock: 'users.write',
} as const satisfies Record<string, Permission>;
