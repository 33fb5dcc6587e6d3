/**
 * A schema-aware fuzzer over the OpenAPI document (`app.swagger()`): for every operation it builds
 * requests whose path parameters, query and JSON body mix plausible values with hostile ones
 * (impossible dates, integers past int4, NaN strings, NUL, lone surrogates, very long text, wrong
 * types, empty or broken bodies). Deterministic for a seed; used by test/fuzz.test.ts and
 * bench/fuzz.bench.ts.
 */

/** mulberry32: a small seeded PRNG, so a failing request can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Schema {
  type?: string | string[];
  enum?: Json[];
  const?: Json;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  additionalProperties?: Schema | boolean;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  body: Schema | null;
}

export interface FuzzRequest {
  method: Route['method'];
  url: string;
  /** The JSON text sent with content-type application/json (sometimes broken or empty on purpose). */
  body?: string;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function routesOf(doc: OpenApiDoc): Route[] {
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      if (!METHODS.has(m)) continue;
      const params = op.parameters ?? [];
      const declared = params.filter((p) => p.in === 'path');
      // A path parameter missing from the document (a route without a params schema) is still fuzzed.
      for (const name of path.match(/\{(\w+)\}/g) ?? [])
        if (!declared.some((p) => `{${p.name}}` === name)) declared.push({ in: 'path', name: name.slice(1, -1) });
      const json = op.requestBody?.content?.['application/json']?.schema ?? null;
      out.push({
        method: m.toUpperCase() as Route['method'],
        path,
        pathParams: declared,
        query: params.filter((p) => p.in === 'query'),
        body: json,
      });
    }
  }
  return out;
}

const LONG = 'x'.repeat(10_000);
/** Hostile scalars: what broke the server before (dates, int4, NUL, surrogates) and the usual suspects. */
export const HOSTILE_STRINGS = [
  '2026-02-30',
  '0000-00-00',
  '2026-13-01',
  '2026-00-10',
  '9999-12-31',
  '0001-01-01',
  '2026-1-1',
  '2026-02-29',
  '2147483648',
  '-2147483649',
  '99999999999999999999',
  '-1',
  '0',
  '1.5',
  'NaN',
  'Infinity',
  '1e309',
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  LONG,
  "' or 1=1 --",
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '２０２６－０１－０１',
  'null',
  'true',
  '[object Object]',
  '0000-Q1',
  '2026-Q9',
  '0000-H1',
  '0000-01',
  'p:2147483648',
  'f:99999999999999999999',
];
export const HOSTILE_NUMBERS = [2147483648, -2147483649, -1, 0, 1.5, 1e308, -1e308, 9007199254740991, 2 ** 53 + 2];
const HOSTILE_OTHER: Json[] = [null, true, false, [], {}, [null], { a: { b: [] } }, ['\u0000'], [2147483648]];

/** Bodies that are not what a JSON client sends: empty, truncated, a bare escape, a prototype key. */
const RAW_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"\\ud800"',
  '{"a":"\\u0000"}',
  '1e309',
  '{"__proto__":{"x":1}}',
  '{"a":1,"a":2}',
];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}

export function hostileValue(rnd: () => number): Json {
  const r = rnd();
  if (r < 0.6) return pick(rnd, HOSTILE_STRINGS);
  if (r < 0.85) return pick(rnd, HOSTILE_NUMBERS);
  return pick(rnd, HOSTILE_OTHER);
}

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  return s.type;
}

/** A value that satisfies (or nearly satisfies) the schema, so a hostile sibling field gets further. */
export function plausibleValue(rnd: () => number, s: Schema | undefined, ids: number[], depth = 0): Json {
  if (!s || depth > 6) return 'x';
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return plausibleValue(rnd, pick(rnd, alts), ids, depth + 1);
  if (s.allOf?.length) return plausibleValue(rnd, s.allOf[0], ids, depth + 1);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return pick(rnd, s.enum);
  switch (typeOf(s)) {
    case 'integer': {
      const lo = s.minimum ?? 1;
      const hi = Math.min(s.maximum ?? 500, lo + 500);
      if (lo >= 1 && hi >= 1000) return pick(rnd, ids);
      return lo + Math.floor(rnd() * (hi - lo + 1));
    }
    case 'number': {
      const lo = s.minimum ?? 0;
      const hi = Math.min(s.maximum ?? 1000, lo + 1000);
      return Math.round((lo + rnd() * (hi - lo)) * 100) / 100;
    }
    case 'boolean':
      return rnd() < 0.5;
    case 'array': {
      const n = Math.floor(rnd() * 3);
      return Array.from({ length: n }, () => plausibleValue(rnd, s.items, ids, depth + 1));
    }
    case 'object': {
      const o: Record<string, Json> = {};
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if ((s.required ?? []).includes(k) || rnd() < 0.6) o[k] = plausibleValue(rnd, v, ids, depth + 1);
      return o;
    }
    case 'string':
    default:
      return plausibleString(rnd, s);
  }
}

function plausibleString(rnd: () => number, s: Schema): string {
  const p = s.pattern ?? '';
  if (p.includes('\\d{4}-\\d{2}-\\d{2}')) return pick(rnd, ['2026-11-23', '2026-01-05', '2027-03-01', '2025-12-31']);
  if (p.includes('\\d{4}-(0[1-9]|1[0-2])')) return pick(rnd, ['2026-11', '2026-01', '2027-02']);
  if (p.includes('Q[1-4]')) return pick(rnd, ['2026-Q4', '2026-Q1']);
  if (p.includes('H[12]')) return pick(rnd, ['2026-H2', '2026-H1']);
  if (p.includes('[pf]')) return pick(rnd, ['p:1', 'f:2', 'p:3']);
  if (p.includes('^1\\d{10}')) return '13800000009';
  if (p.includes('https?')) return 'https://example.invalid/hook';
  if (s.format === 'date-time') return '2026-11-23T02:00:00.000Z';
  const min = s.minLength ?? 0;
  const base = pick(rnd, ['测试', 'fz', '说明文字', 'abc', '项目']);
  return (base + 'x'.repeat(Math.max(0, min))).slice(0, Math.max(min, Math.min(s.maxLength ?? 16, 16)));
}

/** Percent-encodes like a browser would, but also lone surrogates (as their would-be UTF-8 bytes). */
export function encode(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    let out = '';
    for (const ch of v) {
      const c = ch.charCodeAt(0);
      if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff)
        out +=
          `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
      else out += encodeURIComponent(ch);
    }
    return out;
  }
}

function scalarForUrl(v: Json): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A hostile value aimed at what the schema expects (half the time), else any hostile value. */
export function hostileFor(rnd: () => number, s: Schema | undefined): Json {
  if (!s || rnd() < 0.5) return hostileValue(rnd);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return hostileFor(rnd, alts.find((a) => typeOf(a) !== 'null') ?? alts[0]);
  const p = s.pattern ?? '';
  if (p.includes('\\d{4}-\\d{2}-\\d{2}'))
    return pick(rnd, [
      '2026-02-30',
      '0000-00-00',
      '2026-13-01',
      '2026-04-31',
      '9999-12-31',
      '0001-01-01',
      '2025-02-29',
    ]);
  if (p.includes('\\d{4}-')) return pick(rnd, ['0000-01', '9999-12', '0000-Q1', '9999-Q4', '0000-H1', '9999-H2']);
  switch (typeOf(s)) {
    case 'integer':
    case 'number':
      return pick(rnd, [2147483648, -2147483649, 9007199254740991, -1, 0, 1.5, 1e308, '2147483648', 'NaN', '']);
    case 'array':
      return pick(rnd, [[hostileFor(rnd, s.items)], Array.from({ length: 1000 }, () => hostileFor(rnd, s.items))]);
    case 'object':
      return { [pick(rnd, ['\u0000', 'x\ud800', 'unknown'])]: hostileValue(rnd) };
    case 'boolean':
      return pick(rnd, ['true', 'yes', 1, null]);
    default:
      if (s.enum) return pick(rnd, ['', 'not-a-member', '\u0000', String(s.enum[0]).toUpperCase()]);
      return pick(rnd, ['\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\udfff\ud800', LONG, '', ' ', "'", '%', '\\']);
  }
}

interface Spot {
  kind: 'path' | 'query' | 'field' | 'body';
  name: string;
  schema?: Schema;
}

function spotsOf(route: Route): Spot[] {
  const out: Spot[] = [
    ...route.pathParams.map((p): Spot => ({ kind: 'path', name: p.name, ...(p.schema ? { schema: p.schema } : {}) })),
    ...route.query.map((p): Spot => ({ kind: 'query', name: p.name, ...(p.schema ? { schema: p.schema } : {}) })),
  ];
  if (route.method !== 'GET' && route.method !== 'DELETE') {
    out.push({ kind: 'body', name: '' });
    for (const [name, schema] of Object.entries(route.body?.properties ?? {}))
      out.push({ kind: 'field', name, schema });
  }
  return out;
}

/**
 * One request for a route. `mode` decides the mix: one hostile spot (a path parameter, a query
 * parameter, a body field or the whole body) among plausible values, which gets past validation of
 * the rest and reaches the service; many hostile spots; or everything plausible.
 */
export function fuzzRequest(rnd: () => number, route: Route, ids: number[]): FuzzRequest {
  const r = rnd();
  const mode = r < 0.7 ? 'one' : r < 0.9 ? 'many' : 'plausible';
  const spots = spotsOf(route);
  const chosen = mode === 'one' && spots.length ? pick(rnd, spots) : undefined;
  const isHostile = (sp: Spot) => (mode === 'many' ? rnd() < 0.6 : sp === chosen);

  let url = route.path;
  const qs: string[] = [];
  const fields: Record<string, Json> = {};
  let wholeBody: Spot | undefined;
  for (const sp of spots) {
    const hostile = isHostile(sp);
    if (sp.kind === 'path') {
      const v = hostile ? scalarForUrl(hostileFor(rnd, sp.schema)) : String(plausibleValue(rnd, sp.schema, ids));
      url = url.replace(`{${sp.name}}`, encode(v) || '%20');
    } else if (sp.kind === 'query') {
      if (!hostile && rnd() >= 0.4) continue;
      const v = hostile ? hostileFor(rnd, sp.schema) : plausibleValue(rnd, sp.schema, ids);
      const vals = Array.isArray(v) ? v.slice(0, 20) : [v];
      for (const x of vals) qs.push(`${encode(sp.name)}=${encode(scalarForUrl(x))}`);
    } else if (sp.kind === 'field') {
      if (hostile) fields[sp.name] = hostileFor(rnd, sp.schema);
      else if ((route.body?.required ?? []).includes(sp.name) || rnd() < 0.7)
        fields[sp.name] = plausibleValue(rnd, sp.schema, ids);
    } else if (hostile) wholeBody = sp;
  }
  if (rnd() < 0.03) qs.push(`${encode(pick(rnd, ['page', 'q', 'from', 'id']))}=${encode(pick(rnd, HOSTILE_STRINGS))}`);
  if (qs.length) url += `?${qs.join('&')}`;
  if (route.method === 'GET' || route.method === 'DELETE') return { method: route.method, url };

  if (wholeBody) {
    if (rnd() < 0.5) return { method: route.method, url, body: pick(rnd, RAW_BODIES) };
    return { method: route.method, url, body: JSON.stringify(hostileValue(rnd)) };
  }
  if (route.body && typeOf(route.body) !== 'object')
    return { method: route.method, url, body: JSON.stringify(plausibleValue(rnd, route.body, ids)) };
  if (rnd() < 0.03) fields[pick(rnd, ['\u0000', 'x\ud800', 'unknownField'])] = hostileValue(rnd);
  return { method: route.method, url, body: JSON.stringify(fields) };
}
