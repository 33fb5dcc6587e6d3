import { z } from 'zod';

/**
 * The request building blocks every route uses, so an impossible value is refused by its schema with a
 * 400 naming the field, never sent to PostgreSQL (where it would be a 22xxx error and a 500).
 * See docs/decisions/011-no-500-from-any-input.md.
 */

/** PostgreSQL's `integer` (int4): ids, versions and counters are stored in it. */
export const INT4_MAX = 2_147_483_647;

/** Dates outside these years are typing mistakes here (birth dates start in 1900; plans end by 2100). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** True when `s` is `YYYY-MM-DD` naming a day that exists (no 2026-02-30, 2026-13-01, 0000-00-00). */
export function isRealIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A calendar date `YYYY-MM-DD` that exists, between MIN_YEAR and MAX_YEAR. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'YYYY-MM-DD', abort: true })
  .refine(isRealIsoDate, {
    message: `not a real calendar date between ${MIN_YEAR} and ${MAX_YEAR}`,
    params: { zh: `不是有效的日期（应为 ${MIN_YEAR}—${MAX_YEAR} 年间真实存在的一天）`, en: 'not a real calendar date' },
  });

/** A month `YYYY-MM` within MIN_YEAR–MAX_YEAR. */
export const isoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'YYYY-MM', abort: true })
  .refine((s) => Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR, {
    message: 'year out of range',
    params: { zh: `年份应在 ${MIN_YEAR}—${MAX_YEAR} 之间`, en: `year must be between ${MIN_YEAR} and ${MAX_YEAR}` },
  });

/** A row id in a path or query string ("12"): 1 … INT4_MAX. */
export const idParam = z.coerce.number().int().min(1).max(INT4_MAX);

/** A row id in a JSON body: 1 … INT4_MAX. */
export const idRef = z.number().int().min(1).max(INT4_MAX);

/** A non-negative int4 in a JSON body (optimistic-lock versions, counters). */
export const int4 = z.number().int().min(0).max(INT4_MAX);

/**
 * Refuses `from` after `to` (both optional ISO dates) on an object schema; the issue names `to`.
 * Use on the final schema (a refined object cannot be extended).
 */
export function withDateOrder<T extends z.ZodType<Record<string, unknown>>>(schema: T, from = 'from', to = 'to'): T {
  return schema.superRefine((v, ctx) => {
    const a = v[from];
    const b = v[to];
    if (typeof a === 'string' && typeof b === 'string' && a > b)
      ctx.addIssue({
        code: 'custom',
        path: [to],
        message: `must not be before ${from}`,
        params: {
          zh: `不能早于${from === 'from' ? '开始日期' : from}（${a}）`,
          en: `must not be before ${from} (${a})`,
        },
      });
  }) as unknown as T;
}
