import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runTs, startServer } from './process-helpers.js';
import { createTestDatabase } from './test-db.js';
import { freshTarget, tempDir } from './backup-helpers.js';

const KEY = 'c3'.repeat(32);
const backups = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.xfbak'));

describe(`npm run backup / npm run restore (${inject('dbMode')})`, () => {
  it.runIf(inject('dbMode') === 'pglite')(
    'embedded: alone it opens the data directory; with a server running, the server makes it; the key is checked; the restore prints what it did',
    async () => {
      const root = tempDir('xf-cli-');
      const env = {
        XIANFENG_DATA_DIR: join(root, 'data'),
        XIANFENG_SECRET_KEY: KEY,
        XIANFENG_DEMO: 'false',
        XIANFENG_AUDIT_ANCHOR_FILE: join(root, 'anchors.log'),
      };
      const alone = await runTs('src/server/cli/backup.ts', env);
      expect(alone.code, alone.stderr).toBe(0);
      expect(alone.stdout).toContain('data directory opened by this command');
      const [first] = backups(join(root, 'backups'));
      expect(first).toMatch(/^xianfeng-20261123T02\d{4}Z\.xfbak$/);

      // jobs off: the nightly backup (due at the test clock's hour) would race the CLI's request on a slow machine
      const server = await startServer({ ...env, XIANFENG_JOBS: 'off' });
      try {
        const viaServer = await runTs('src/server/cli/backup.ts', env);
        expect(viaServer.code, viaServer.stderr + server.output()).toBe(0);
        expect(viaServer.stdout).toContain('made by the running server');
        // Two backups on one day: retention keeps the newer one (daily = the newest of each day).
        expect(viaServer.stdout).toContain(`removed by retention: ${first}`);
        expect(backups(join(root, 'backups'))).toHaveLength(1);
        expect(backups(join(root, 'backups'))).not.toContain(first);
        const wrongKey = await runTs('src/server/cli/backup.ts', { ...env, XIANFENG_SECRET_KEY: 'd4'.repeat(32) });
        expect(wrongKey.code).toBe(1);
        expect(wrongKey.stderr).toContain('密钥不符');
      } finally {
        server.proc.kill('SIGTERM');
        await server.exited;
      }

      const file = join(root, 'backups', backups(join(root, 'backups')).sort().at(-1)!);
      const target = { ...env, XIANFENG_DATA_DIR: join(root, 'restored') };
      const restored = await runTs('src/server/cli/restore.ts', target, ['--file', file]);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/已恢复 \/ restored xianfeng-.*\.xfbak/);
      expect(restored.stdout).toMatch(/audit chain verified: \d+ rows/);
      const again = await runTs('src/server/cli/restore.ts', target, ['--file', file]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('[target_not_empty]');
      const noKey = await runTs('src/server/cli/restore.ts', { ...target, XIANFENG_SECRET_KEY: '' }, ['--file', file]);
      expect(noKey.code).toBe(2);
      expect(noKey.stderr).toContain('没有主密钥');
    },
  );

  it.runIf(inject('dbMode') === 'postgres')(
    'PostgreSQL: pg_dump from this command, pg_restore into an empty database',
    async () => {
      const source = await createTestDatabase();
      const root = tempDir('xf-cli-');
      try {
        const env = {
          DATABASE_URL: source.url!,
          XIANFENG_DATA_DIR: join(root, 'data'),
          XIANFENG_SECRET_KEY: KEY,
          XIANFENG_DEMO: 'false',
        };
        const made = await runTs('src/server/cli/backup.ts', env);
        expect(made.code, made.stderr).toBe(0);
        expect(made.stdout).toContain('(pg_dump)');
        const file = join(root, 'backups', backups(join(root, 'backups'))[0]!);
        const { target } = await freshTarget();
        if (target.kind !== 'postgres') throw new Error('postgres expected');
        const restored = await runTs('src/server/cli/restore.ts', { ...env, DATABASE_URL: target.url }, [
          '--file',
          file,
        ]);
        expect(restored.code, restored.stderr).toBe(0);
        expect(restored.stdout).toContain('into PostgreSQL');
        const again = await runTs('src/server/cli/restore.ts', { ...env, DATABASE_URL: target.url }, ['--file', file]);
        expect(again.stderr).toContain('[target_not_empty]');
      } finally {
        await source.drop();
      }
    },
  );
});
