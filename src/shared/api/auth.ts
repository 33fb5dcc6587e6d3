import { z } from 'zod';
import type { ApiTable } from './contract.js';
import { ROLE_CODES } from '../roles.js';
import { PERMISSIONS } from '../permissions.js';
import { ORG_KIND_CODES } from '../org-kinds.js';

/** 登录与会话: the request and response contract of /api/auth (server validates, web infers). */

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const changePasswordBody = z.object({
  oldPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const setupBody = z.object({
  setupToken: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const meResponse = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.object({ code: z.enum(ROLE_CODES), zh: z.string(), en: z.string() })),
    permissions: z.array(z.enum(PERMISSIONS)),
    scope: z.object({
      unitId: z.number().int(),
      name: z.string(),
      kind: z.enum(['org', 'dept', 'firm']),
      unitKind: z.enum(ORG_KIND_CODES),
    }),
    mustChangePassword: z.boolean(),
  }),
  csrfToken: z.string(),
  sessionIdleMinutes: z.number().int(),
});

export const okResponse = z.object({ ok: z.literal(true) });
export const setupStatusResponse = z.object({ needed: z.boolean() });

export const authApi = {
  'POST /api/auth/login': { body: loginBody, response: meResponse },
  'POST /api/auth/logout': { response: okResponse },
  'GET /api/auth/me': { response: meResponse },
  'POST /api/auth/password': { body: changePasswordBody, response: meResponse },
  'GET /api/auth/setup': { response: setupStatusResponse },
  'POST /api/auth/setup': { body: setupBody, response: okResponse },
} satisfies ApiTable;

export type Me = z.infer<typeof meResponse>;
export type MeUser = Me['user'];
export type LoginBody = z.infer<typeof loginBody>;
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;
export type SetupBody = z.infer<typeof setupBody>;
export type SetupStatus = z.infer<typeof setupStatusResponse>;
