import type { FastifyRequest } from 'fastify';
import type { Lang } from '../errors.js';

/** The requester's language: the UI sends X-Lang; otherwise Accept-Language; Chinese by default. */
export function requestLang(req: FastifyRequest): Lang {
  const explicit = req.headers['x-lang'];
  if (explicit === 'en' || explicit === 'zh') return explicit;
  const accept = req.headers['accept-language'];
  if (typeof accept === 'string' && /^en\b/i.test(accept.trim())) return 'en';
  return 'zh';
}
