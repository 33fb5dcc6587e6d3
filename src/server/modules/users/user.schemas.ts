import { z } from 'zod';
import { idParam, idRef } from '../../../shared/input.js';
import { ROLE_CODES } from '../../../shared/roles.js';
import { pageOf, pageQuery } from '../../http/pagination.js';

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
export type UserView = z.infer<typeof userView>;
