// npm run test:pg: the integration suite against PostgreSQL only (XIANFENG_TEST_PG_URL or the local server).
import { spawnSync } from 'node:child_process';

const url =
  process.env.XIANFENG_TEST_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const r = spawnSync('npx', ['vitest', 'run', '--project', 'integration', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
process.exit(r.status ?? 1);
