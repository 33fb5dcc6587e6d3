import { z } from 'zod';
import { ROLE_CODES } from '../../../shared/roles.js';
import { PERMISSIONS } from '../../../shared/permissions.js';
import { ORG_KIND_CODES } from '../../../shared/org-kinds.js';

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
