import { z } from 'zod';
import type { ApiTable } from './contract.js';
import { ROLE_CODES } from '../roles.js';
import { PERMISSIONS } from '../permissions.js';
import { userIdParams, userView } from './users.js';

/** 角色授权: the request and response contract of the role definitions and grants (安全管理员). */
export const roleView = z.object({
  code: z.enum(ROLE_CODES),
  kind: z.enum(['admin', 'business']),
  zh: z.string(),
  en: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
});

export const roleList = z.object({ data: z.array(roleView) });
export const setRolesBody = z.object({ roles: z.array(z.enum(ROLE_CODES)).max(ROLE_CODES.length) });
export const setScopeBody = z.object({ scopeUnitId: z.number().int().positive().max(2147483647) });

export const rolesApi = {
  'GET /api/roles': { response: roleList },
  'PUT /api/users/:id/roles': { params: userIdParams, body: setRolesBody, response: userView },
  'PUT /api/users/:id/scope': { params: userIdParams, body: setScopeBody, response: userView },
} satisfies ApiTable;

export type RoleView = z.infer<typeof roleView>;
export type RoleList = z.infer<typeof roleList>;
