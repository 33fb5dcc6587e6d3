import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, startServer, TEST_CLOCK_START } from '../test/process-helpers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Builds the web app, then starts the real server on a fresh PGlite data directory with the demo
 * data, as `npm start` does on a new machine, but on the tests' fixed clock (NODE_ENV=test).
 * Journeys share it and create their own rows.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const build = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    // the bundle users get: vitest's NODE_ENV=test would make a development build (antd's dev warnings
    // in the console, which the page sweep rightly counts as errors)
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (build.status !== 0) throw new Error('web build failed');
  const dir = mkdtempSync(join(tmpdir(), 'xf-e2e-'));
  const server = await startServer(
    {
      XIANFENG_DATA_DIR: dir,
      XIANFENG_BACKUP_DIR: `${dir}-backups`,
      XIANFENG_WEB_DIR: join(ROOT, 'dist/web'),
      LOG_LEVEL: 'warn',
      // The demo data is dated around this instant; journeys never depend on the real date.
      NODE_ENV: 'test',
      XIANFENG_CLOCK_START: TEST_CLOCK_START,
    },
    300_000, // a loaded shared machine (or libfaketime) can take minutes to build the demo region
  );
  const ok = await fetch(server.url('/healthz')).then(
    (r) => r.ok,
    () => false,
  );
  if (!ok) throw new Error(`server did not start:\n${server.output()}`);
  project.provide('baseUrl', server.url(''));
  return async () => {
    server.proc.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-backups`, { recursive: true, force: true });
  };
}
