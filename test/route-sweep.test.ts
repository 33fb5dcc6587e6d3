import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { plausibleValue, routesOf, seededRandom, type OpenApiDoc, type Route } from './fuzz-openapi.js';
import { isEntity, NON_ENTITY_VALUES, paramKinds, type EntityKind } from './route-kinds.js';
import { buildSweepWorld, changedTables, fingerprint, type SweepWorld } from './route-sweep-world.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';

/**
 * Issue 9 §3: generated sweeps over every route of the OpenAPI document. Without a session every
 * route not marked public answers 401 and writes nothing. As users of organisation A, every route
 * with an organisation's id answers 404 to organisation B's id — whatever the method — and nothing
 * changes anywhere. Routes, their parameters and the kind of each id come from the document.
 */
let t: TestApp;
let w: SweepWorld;
let doc: OpenApiDoc & { paths: Record<string, Record<string, { security?: unknown[] }>> };
let routes: Route[];

beforeAll(async () => {
  t = await createTestApp({ XIANFENG_SESSION_IDLE_MINUTES: '1000000', XIANFENG_SESSION_MAX_HOURS: '100000' });
  w = await buildSweepWorld(t);
  await t.app.ready();
  doc = t.app.swagger() as unknown as typeof doc;
  routes = routesOf(doc);
}, 240_000);
afterAll(async () => t?.close());

const NONEXISTENT = 2147483647;
const label = (r: Route) => `${r.method} ${r.path}`;
const isPublic = (r: Route) => {
  const security = doc.paths[r.path]?.[r.method.toLowerCase()]?.security;
  return Array.isArray(security) && security.length === 0;
};

type IdOf = (kind: EntityKind, name: string) => number;

function urlOf(r: Route, idOf: IdOf, query = ''): string {
  let url = r.path;
  for (const p of paramKinds(r))
    url = url.replace(
      `{${p.name}}`,
      isEntity(p.kind) ? String(idOf(p.kind, p.name)) : (NON_ENTITY_VALUES[p.name] ?? 'x'),
    );
  return url + query;
}

/**
 * The id sets a route is probed with: all of B's ids; and for a route with two ids, A's own parent
 * with B's child (B's node under A's project must not be found either).
 */
function idSetsOf(r: Route): Array<{ name: string; idOf: IdOf }> {
  const entities = paramKinds(r).filter((p) => isEntity(p.kind));
  const sets: Array<{ name: string; idOf: IdOf }> = [{ name: "B's ids", idOf: (k) => w.b[k] }];
  if (entities.length < 2) return sets;
  // The child under the parent: A's project with B's node, A's problem with B's photo …
  for (const foreign of entities.slice(1)) {
    const others = entities.filter((p) => p !== foreign);
    if (others.some((p) => w.aOwn[p.kind as EntityKind] === undefined))
      throw new Error(`${label(r)}: A has no own ${others.map((p) => p.kind).join('/')} for the mixed probe`);
    sets.push({
      name: `B's ${foreign.name}, A's others`,
      idOf: (k, name) => (name === foreign.name ? w.b[k] : (w.aOwn[k] as number)),
    });
  }
  return sets;
}

/** Required query parameters, plausibly filled; a route's optional ones are left out. */
function queryOf(r: Route, rnd: () => number): string {
  const qs = r.query
    .filter((p) => (p as { required?: boolean }).required)
    .map((p) => `${p.name}=${encodeURIComponent(String(plausibleValue(rnd, p.schema, w.aIds)))}`);
  return qs.length ? `?${qs.join('&')}` : '';
}

const codeOf = (res: LightMyRequestResponse) => {
  try {
    return (res.json() as { code?: string }).code ?? '';
  } catch {
    return '';
  }
};
const brief = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.slice(0, 160)}`;
const isSchemaRefusal = (res: LightMyRequestResponse) => res.statusCode === 400 && res.body.includes('"issues"');

describe('401 sweep: every route that is not public needs a session', () => {
  it('answers 401 to every non-public route without a session and writes nothing', async () => {
    const anonymous = t.anonymous();
    const before = await fingerprint(t);
    const wrong: string[] = [];
    const publicRoutes = routes.filter(isPublic);
    for (const r of routes) {
      const url = urlOf(r, (k) => w.b[k]);
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const res = await anonymous.request(r.method, url, body);
      if (isPublic(r)) {
        // Marked public: reachable without a session (it may still refuse the empty request).
        if (res.statusCode === 401) wrong.push(`${label(r)} is marked public but answered ${brief(res)}`);
      } else if (res.statusCode !== 401 || codeOf(res) !== 'UNAUTHENTICATED')
        wrong.push(`${label(r)} answered ${brief(res)}`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
    expect(changedTables(before, await fingerprint(t))).toEqual([]);
    // The public ones are derived from the routes' own `public` marking; login must be among them.
    expect(publicRoutes.map(label)).toContain('POST /api/auth/login');
    expect(publicRoutes.length).toBeLessThan(routes.length / 5);
    console.log(
      `401 sweep: ${routes.length - publicRoutes.length} routes answered 401; ${publicRoutes.length} public: ${publicRoutes.map(label).join(', ')}`,
    );
    expect(routes.length - publicRoutes.length).toBeGreaterThan(100);
  }, 240_000);
});

type Outcome =
  | { kind: 'not-found' }
  | { kind: 'no-permission' }
  | { kind: 'unreached'; last: string }
  | { kind: 'defect'; why: string };

/**
 * Leaves out optional fields that refer to rows by id (a responsible unit, a department): a random
 * reference would be refused as not found before the route looks at its path id, and the 404 would
 * prove nothing. Required references stay (the path id is looked up first by every route today).
 */
function withoutOptionalRefs(r: Route, body: Record<string, unknown>): Record<string, unknown> {
  const required = new Set(r.body?.required ?? []);
  const isRef = (x: unknown) => {
    const sc = x as { type?: unknown; maximum?: number; anyOf?: unknown[] } | undefined;
    if (sc?.anyOf) return sc.anyOf.some(isRef);
    return sc?.type === 'integer' && (sc.maximum ?? 0) >= 2147483647;
  };
  const props = (r.body?.properties ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter(([k]) => required.has(k) || !isRef(props[k])));
}

/**
 * One route as one of A's users, with B's ids: 404 is right. A refusal is fine only when the same
 * request for an id that exists nowhere is refused the same way (no permission, or a body the schema
 * refuses — then another generated body is tried); anything else tells B's row from no row at all.
 */
async function probe(r: Route, agent: Agent, idOf: IdOf, seed: number): Promise<Outcome> {
  const rnd = seededRandom(seed);
  let last = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    const query = queryOf(r, rnd);
    const body =
      r.method === 'GET' || r.method === 'DELETE'
        ? undefined
        : withoutOptionalRefs(r, (r.body ? plausibleValue(rnd, r.body, w.aIds) : {}) as Record<string, unknown>);
    const before = await fingerprint(t);
    const res = await agent.request(
      r.method,
      urlOf(r, (k) => w.b[k], query),
      body,
    );
    const changed = changedTables(before, await fingerprint(t));
    if (changed.length) return { kind: 'defect', why: `wrote ${changed.join(', ')} (${brief(res)})` };
    if (res.statusCode === 404) return { kind: 'not-found' };
    const none = await agent.request(
      r.method,
      urlOf(r, () => NONEXISTENT, query),
      body,
    );
    const same = none.statusCode === res.statusCode && codeOf(none) === codeOf(res);
    if (!same) return { kind: 'defect', why: `B's id: ${brief(res)}; no such id: ${brief(none)}` };
    if (res.statusCode === 403 && codeOf(res) === 'FORBIDDEN') return { kind: 'no-permission' };
    if (isSchemaRefusal(res)) {
      last = brief(res);
      continue;
    }
    return { kind: 'defect', why: `answers ${brief(res)} for B's id and for no id at all, not 404` };
  }
  return { kind: 'unreached', last };
}

describe("404 sweep: another organisation's id is not found", () => {
  it("answers 404 on every route with an id, as A's users, to B's ids, and changes nothing", async () => {
    // A's own rows used in the mixed probes are A's indeed: its 组织部 reads them.
    const zzbA = w.a[0]?.agent as Agent;
    for (const [kind, base] of [
      ['project', '/api/projects'],
      ['problem', '/api/problems'],
      ['person', '/api/people'],
    ] as const)
      expect((await zzbA.get(`${base}/${w.aOwn[kind]}`)).statusCode, `A's own ${kind}`).toBe(200);
    const defects: string[] = [];
    const unknown: string[] = [];
    const uncovered: string[] = [];
    const global: string[] = [];
    let covered = 0;
    let requests = 0;
    let seed = 9_000;
    for (const r of routes) {
      if (!r.pathParams.length) continue;
      let kinds;
      try {
        kinds = paramKinds(r);
      } catch (e) {
        unknown.push((e as Error).message);
        continue;
      }
      if (!kinds.some((k) => isEntity(k.kind))) {
        global.push(label(r));
        continue;
      }
      let all = true;
      for (const set of idSetsOf(r)) {
        const outcomes: string[] = [];
        let found = false;
        for (const who of w.a) {
          const o = await probe(r, who.agent, set.idOf, seed++);
          requests++;
          if (o.kind === 'not-found') found = true;
          if (o.kind === 'defect') defects.push(`${label(r)} as ${who.name} with ${set.name}: ${o.why}`);
          outcomes.push(`${who.name}: ${o.kind}${o.kind === 'unreached' ? ` (${o.last})` : ''}`);
        }
        if (!found) uncovered.push(`${label(r)} with ${set.name} — ${outcomes.join('; ')}`);
        all &&= found;
      }
      if (all) covered++;
    }
    for (const [kind, base] of [
      ['project', '/api/projects'],
      ['problem', '/api/problems'],
      ['person', '/api/people'],
    ] as const)
      expect((await zzbA.get(`${base}/${w.aOwn[kind]}`)).statusCode, `A's own ${kind} after the sweep`).toBe(200);
    console.log(
      `404 sweep: ${covered} routes with an organisation's id answered 404 (${requests} route×user probes); ` +
        `not organisation data: ${global.join(', ')}`,
    );
    expect(unknown, unknown.join('\n')).toEqual([]);
    expect(defects, defects.join('\n')).toEqual([]);
    expect(uncovered, uncovered.join('\n')).toEqual([]);
    expect(covered).toBeGreaterThan(50);
  }, 600_000);
});
