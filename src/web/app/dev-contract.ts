import type { ApiTable, RouteContract } from '../../shared/api/contract.js';

/**
 * Development only (loaded behind `import.meta.env.DEV`, so absent from the production bundle): every
 * JSON answer is parsed with its route's response schema from src/shared/api/, so a server change the
 * web has not followed fails loudly where it happens instead of as `undefined` three screens later.
 */
const modules = import.meta.glob<Record<string, unknown>>('../../shared/api/*.ts', { eager: true });

const routes: Array<{ method: string; pattern: RegExp; key: string; contract: RouteContract }> = [];
for (const mod of Object.values(modules))
  for (const [name, table] of Object.entries(mod))
    if (name.endsWith('Api') && table && typeof table === 'object')
      for (const [key, contract] of Object.entries(table as ApiTable)) {
        const [method, path] = key.split(' ') as [string, string];
        const pattern = new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
        routes.push({ method, pattern, key, contract });
      }

// Literal segments before parameters: '/api/problems/stats' wins over '/api/problems/:id'.
routes.sort((a, b) => a.key.split(':').length - b.key.split(':').length);

export function checkResponse(method: string, path: string, json: unknown): void {
  const bare = path.split('?')[0]!;
  const hit = routes.find((r) => r.method === method && r.pattern.test(bare));
  if (!hit) {
    console.warn(`[contract] ${method} ${bare}: no route in src/shared/api/`);
    return;
  }
  if (!hit.contract.response) return;
  const parsed = hit.contract.response.safeParse(json);
  if (!parsed.success) {
    console.error(`[contract] ${hit.key}: the answer does not match its schema`, parsed.error.issues);
    throw new Error(`[contract] ${hit.key}: ${parsed.error.issues[0]?.message ?? 'mismatch'}`);
  }
}
