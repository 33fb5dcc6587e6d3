import type { FastifyReply } from 'fastify';

/** Hashed build output: its name changes with its content, so a browser may keep it for a year unasked. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache-Control for the built web app (decision 020): files under assets/ carry a content hash in their
 * name and are immutable; everything else (index.html, which names the current hashes) is revalidated
 * on every load. `path` may be the .br/.gz copy actually sent.
 */
export function staticHeaders(reply: FastifyReply, path: string): void {
  reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : 'no-cache');
}
