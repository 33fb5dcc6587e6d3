// npm test: types and lint, unit + integration on PGlite, the integration suite again on PostgreSQL,
// then the browser journeys. Says loudly when PostgreSQL cannot be reached; never skips silently.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const PG_URL = process.env.XIANFENG_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const requirePg = process.env.XIANFENG_REQUIRE_PG === '1';
const only = process.argv.slice(2);
const results = [];

function run(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return true;
  const started = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const baseEnv = { ...process.env };
  delete baseEnv.DATABASE_URL;
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...baseEnv, ...env } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

async function pgReachable() {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch (e) {
    return e.message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const npx = 'npx';
run('check', 'npm', ['run', '--silent', 'check']);
run('unit+integration (PGlite)', npx, ['vitest', 'run']);

const reach = await pgReachable();
if (reach === true) {
  run('integration (PostgreSQL)', npx, ['vitest', 'run', '--project', 'integration'], { DATABASE_URL: PG_URL });
} else {
  const bar = '!'.repeat(78);
  console.log(
    `\n${bar}\n!!  PostgreSQL is NOT reachable at ${PG_URL}\n!!  (${reach})\n!!  THE POSTGRESQL INTEGRATION SUITE DID NOT RUN. Set XIANFENG_TEST_PG_URL or start PostgreSQL.\n${bar}\n`,
  );
  results.push({
    name: 'integration (PostgreSQL)',
    ok: !requirePg,
    seconds: '0',
    note: 'NOT RUN: PostgreSQL unreachable',
  });
}
run('e2e (Chromium)', npx, ['vitest', 'run', '--config', 'vitest.e2e.config.ts']);

console.log('\n──── npm test summary ────');
for (const r of results)
  console.log(
    `${r.note ? '⚠' : r.ok ? '✔' : '✘'} ${r.name.padEnd(28)} ${String(r.seconds).padStart(6)} s ${r.note ?? ''}`,
  );
process.exit(results.every((r) => r.ok) ? 0 : 1);
