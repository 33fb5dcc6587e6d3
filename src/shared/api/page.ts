import { z } from 'zod';
import { INT4_MAX } from '../input.js';

/**
 * Paging and query-string pieces of the shared contracts (the same rules as server/http/pagination.ts,
 * which the server's older routes still import): `page` from 1, `pageSize` 1–200 (default 20).
 */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(INT4_MAX).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** Every list answers `{data,total,page,pageSize}`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** A query-string boolean: "true"/"1" → true, "false"/"0" → false. */
export const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** `{ ok: true }`, the answer of an action with nothing else to say. */
export const okSchema = z.object({ ok: z.literal(true) });
