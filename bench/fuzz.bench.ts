import { loadDemoData } from '../src/server/seed/first-start.js';
import { benchPglite, benchPostgres } from './db.js';
import { benchApp } from './app.js';
import { demoIdentities, describeFailures, fuzzApp } from '../test/fuzz-run.js';

/**
 * The larger pass of test/fuzz.test.ts (issue 8 §2): FUZZ_PER_ROUTE requests to every route of the
 * OpenAPI document (default 170, about 21,000 requests) as the system administrator and 组织部, on
 * FUZZ_DB=pglite (default) | postgres | both, seed FUZZ_SEED. Prints the count sent, the status
 * histogram and every 5xx with its request. Not a speed figure: the rate is printed for scale only.
 */
export async function run(): Promise<void> {
  const perRoute = Number(process.env.FUZZ_PER_ROUTE ?? 170);
  const seed = Number(process.env.FUZZ_SEED ?? 20261207);
  const which = process.env.FUZZ_DB ?? 'pglite';
  const makers =
    which === 'both' ? [benchPglite, benchPostgres] : which === 'postgres' ? [benchPostgres] : [benchPglite];
  let total5xx = 0;
  for (const make of makers) {
    const b = await make();
    if (!b) continue;
    try {
      const app = await benchApp(b.database);
      await loadDemoData(app.ctx);
      const started = Date.now();
      const r = await fuzzApp(app, {
        seed,
        perRoute,
        identities: await demoIdentities(app.ctx),
        ids: Array.from({ length: 120 }, (_, i) => i + 1),
      });
      const secs = (Date.now() - started) / 1000;
      console.log(`${b.label}: ${r.sent} requests over ${r.routes} routes (seed ${seed}) in ${secs.toFixed(0)} s`);
      console.log(`  statuses ${JSON.stringify(r.byStatus)}`);
      console.log(`  5xx: ${r.failures.length}; 400 from the database fallback (22xxx): ${r.lastResort.length}`);
      if (r.lastResort.length) console.log(describeFailures(r, 20, r.lastResort));
      if (r.failures.length) console.log(describeFailures(r, 50));
      total5xx += r.failures.length;
      await app.close();
    } finally {
      await b.drop();
    }
  }
  if (total5xx) process.exitCode = 1;
}
