import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import type { ApiTable, RouteContract } from '../src/shared/api/contract.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * One contract (issue 9 §1): every JSON route of the live server is described by exactly one entry of a
 * table in src/shared/api/, and the route validates and serialises with that entry's very schemas —
 * so the web's `z.infer` types and the OpenAPI document are what the server does.
 */
const apiDir = join(import.meta.dirname, '..', 'src', 'shared', 'api');

async function loadTables(): Promise<Map<string, { file: string; contract: RouteContract }>> {
  const out = new Map<string, { file: string; contract: RouteContract }>();
  for (const file of readdirSync(apiDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const mod = (await import(join(apiDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (!name.endsWith('Api') || typeof value !== 'object' || value === null) continue;
      for (const [key, contract] of Object.entries(value as ApiTable)) {
        if (out.has(key)) throw new Error(`${key} is in two tables: ${out.get(key)!.file} and ${file}`);
        out.set(key, { file, contract });
      }
    }
  }
  return out;
}

const methodsOf = (r: RouteOptions) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the shared contract', () => {
  it('describes every API route with the very schemas the route uses', async () => {
    const tables = await loadTables();
    const problems: string[] = [];
    const seen = new Set<string>();
    let json = 0;
    let files = 0;
    for (const route of t.app.routeList) {
      if (!route.url.startsWith('/api/') || route.url === '/api/openapi.json') continue;
      for (const method of methodsOf(route)) {
        const key = `${method} ${route.url}`;
        seen.add(key);
        const entry = tables.get(key);
        if (!entry) {
          problems.push(`${key}: no contract in src/shared/api/`);
          continue;
        }
        const { contract: c } = entry;
        const s = (route.schema ?? {}) as Record<string, unknown>;
        const response = (s.response as Record<string, unknown> | undefined)?.[200];
        if (c.file) {
          files++;
          if (c.response) problems.push(`${key}: a file route with a JSON response`);
        } else if (!c.response) problems.push(`${key}: no response schema (and not a file)`);
        else if (response !== c.response)
          problems.push(`${key}: the route answers with another schema than its contract`);
        else json++;
        for (const [part, own] of [
          ['params', s.params],
          ['query', s.querystring],
          ['body', s.body],
        ] as const)
          if (own !== c[part]) problems.push(`${key}: ${part} is not the contract's`);
      }
    }
    for (const [key, { file }] of tables) if (!seen.has(key)) problems.push(`${key}: in ${file} but no such route`);
    console.log(`contract: ${json} JSON routes and ${files} file routes described; ${problems.length} problems`);
    expect(problems).toEqual([]);
  });
});
