import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { fieldLabel } from './field-labels.js';

/**
 * PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is not a character at all: either
 * reaching the database is a 22021/22P05 error (a 500). Every request's parsed query, path
 * parameters and JSON body are scanned once, before validation and before any handler (login
 * included), and such a value is refused with a 400 naming the field.
 */
// eslint-disable-next-line no-control-regex
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MAX_DEPTH = 32;

/** The path of the first string (value or key) holding NUL or an unpaired surrogate, or null. */
export function findBadText(
  value: unknown,
  path: Array<string | number> = [],
  depth = 0,
): Array<string | number> | null {
  if (typeof value === 'string') return BAD_TEXT.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findBadText(value[i], [...path, i], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (BAD_TEXT.test(k)) return [...path, k.replace(BAD_TEXT, '?')];
    const hit = findBadText(v, [...path, k], depth + 1);
    if (hit) return hit;
  }
  return null;
}

const PART_ZH: Record<string, string> = { query: '查询参数', params: '路径参数', body: '请求内容' };

function check(req: FastifyRequest): void {
  for (const part of ['params', 'query', 'body'] as const) {
    const hit = findBadText(req[part]);
    if (hit) {
      const label = hit.length ? fieldLabel(hit, req.url) : { zh: PART_ZH[part], en: part };
      throw new AppError(
        'VALIDATION',
        {
          zh: `${label.zh}：含有不允许的字符（空字符或不完整的 Unicode 字符）`,
          en: `${label.en}: contains a character that is not allowed (NUL or an unpaired surrogate)`,
        },
        { part, path: hit },
      );
    }
  }
}

/** Installs the scan on every route (call before the routes are registered). */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => check(req));
}
