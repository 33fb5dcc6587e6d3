import { z } from 'zod';
import { INT4_MAX } from '../input.js';

/** `page` (from 1) and `pageSize` (1–200, default 20), as every list takes them. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(INT4_MAX).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export type PageQuery = z.infer<typeof pageQuery>;

/** Every list answers `{data,total,page,pageSize}`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export interface Page<T> {
  data: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A query-string boolean: "true"/"1" → true, "false"/"0" → false. */
export const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** `{ ok: true }`, the answer of an action with nothing else to say. */
export const okSchema = z.object({ ok: z.literal(true) });
