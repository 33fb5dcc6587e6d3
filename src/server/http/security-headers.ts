import type { FastifyInstance } from 'fastify';

/** Headers a 等保 scan expects on every response (HSTS when cookies are Secure); API answers are never cached. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  // Secure cookies mean the site is served over HTTPS: tell browsers never to fall back to HTTP.
  const hsts = app.ctx.config.cookieSecure;
  app.addHook('onSend', async (req, reply, payload) => {
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
