import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';

/**
 * Read-your-writes across N servers (decision 028-replica): a write request (POST, PUT, PATCH,
 * DELETE) sets the cookie `xf_rw` to the time it was answered; a report route reads the replica only
 * when that time is older than the window (5 s + the replica's lag). A cookie, not server memory, so
 * the read may land on any server behind the load balancer. Only set when a replica is configured.
 * Tampering can only make its own holder read the primary (or a slightly stale replica).
 */
export const LAST_WRITE_COOKIE = 'xf_rw';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerReadRouting(app: FastifyInstance, ctx: AppContext): void {
  const { reads } = ctx;
  if (!reads.configured) return;
  reads.start();
  app.addHook('onClose', async () => reads.stop());
  app.addHook('onSend', async (req, reply, payload) => {
    if (WRITES.has(req.method)) {
      reply.setCookie(LAST_WRITE_COOKIE, String(ctx.clock.now().getTime()), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        maxAge: Math.ceil(reads.maxWindowMs / 1000),
      });
    }
    return payload;
  });
}

/** When this request's session last wrote (from the cookie), if it did recently. */
export function lastWriteOf(req: FastifyRequest): number | undefined {
  const raw = req.cookies?.[LAST_WRITE_COOKIE];
  if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

/**
 * The context a report service gets: `readDb` is the replica or the primary as the router decides
 * for this request. Services read with `ctx.readDb` and never write through it.
 */
export function reportCtx(ctx: AppContext, req: FastifyRequest): AppContext {
  if (!ctx.reads.configured) return ctx;
  return { ...ctx, readDb: ctx.reads.pick(lastWriteOf(req), ctx.clock.now().getTime()) };
}
