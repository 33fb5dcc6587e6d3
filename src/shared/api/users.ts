import { z } from 'zod';
import type { ApiTable } from './contract.js';
import { XLSX_FILE } from './contract.js';
import { idParam, idRef } from '../input.js';
import { ROLE_CODES } from '../roles.js';
import { pageOf, pageQuery } from './page.js';

/** 用户管理: the request and response contract of /api/users (server validates, web infers). */

export const userIdParams = z.object({ id: idParam });

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  role: z.enum(ROLE_CODES).optional(),
  unitId: idParam.optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
});

const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'phone');

export const createUserBody = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/),
  displayName: z.string().trim().min(1).max(32),
  scopeUnitId: idRef,
  title: z.string().trim().max(64).optional(),
  phone: phone.optional(),
  password: z.string().min(1).max(128),
});

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(32),
    scopeUnitId: idRef,
    title: z.string().trim().max(64).nullable(),
    phone: phone.nullable(),
    disabled: z.boolean(),
  })
  .partial();

export const resetPasswordBody = z.object({ password: z.string().min(1).max(128) });

export const userView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  title: z.string().nullable(),
  /** Masked: 138****5678 */
  phone: z.string().nullable(),
  scopeUnit: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
  roles: z.array(z.object({ code: z.enum(ROLE_CODES), zh: z.string(), en: z.string() })),
  status: z.enum(['active', 'disabled', 'locked']),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const userPage = pageOf(userView);
export const userExportQuery = userListQuery.omit({ page: true, pageSize: true });

export const usersApi = {
  'GET /api/users': { query: userListQuery, response: userPage },
  'GET /api/users/export': { query: userExportQuery, file: XLSX_FILE },
  'GET /api/users/:id': { params: userIdParams, response: userView },
  'POST /api/users': { body: createUserBody, response: userView },
  'PATCH /api/users/:id': { params: userIdParams, body: updateUserBody, response: userView },
  'POST /api/users/:id/reset-password': { params: userIdParams, body: resetPasswordBody, response: userView },
  'POST /api/users/:id/unlock': { params: userIdParams, response: userView },
} satisfies ApiTable;

export type UserView = z.infer<typeof userView>;
export type UserPage = z.infer<typeof userPage>;
export type CreateUserBody = z.input<typeof createUserBody>;
export type UpdateUserBody = z.input<typeof updateUserBody>;
