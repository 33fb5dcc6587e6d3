import type { RouteContract } from '../../shared/api/contract.js';

type Pick1<C, K extends string, As extends string> = C extends { [k in K]: infer S } ? { [a in As]: S } : unknown;

/** The Fastify schema pieces of a route contract (see `routeSchema`). */
export type RouteSchema<C extends RouteContract> = Pick1<C, 'params', 'params'> &
  Pick1<C, 'query', 'querystring'> &
  Pick1<C, 'body', 'body'> &
  (C extends { response: infer R } ? { response: { 200: R } } : unknown);

/**
 * The Fastify schema of a route from its shared contract: `schema: { tags, summary, ...routeSchema(
 * problemsApi['GET /api/problems']) }`. The response is registered for 200, so it is both the
 * serialiser (nothing leaves that the contract does not name) and the OpenAPI description.
 */
export function routeSchema<C extends RouteContract>(c: C): RouteSchema<C> {
  const out: Record<string, unknown> = {};
  if (c.params) out.params = c.params;
  if (c.query) out.querystring = c.query;
  if (c.body) out.body = c.body;
  if (c.response) out.response = { 200: c.response };
  return out as RouteSchema<C>;
}
