import type { FastifyInstance } from 'fastify';

export const SERVER_TIME_HEADER = 'x-server-time';

/**
 * Every API answer says what time the server's clock reads, so the web app counts "today" (default
 * months, the latest pickable date) from the same clock as the server — a test server's fixed clock
 * included — rather than from the browser's.
 */
export function registerServerTime(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/')) reply.header(SERVER_TIME_HEADER, app.ctx.clock.now().toISOString());
    return payload;
  });
}
