import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileNotFoundError, fileStoreFromConfig, localFileStore } from './storage.js';

const root = mkdtempSync(join(tmpdir(), 'xf-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the local file store', () => {
  it('puts, gets and deletes by key, creating folders; the file is private and no temporary file stays', async () => {
    const store = localFileStore(root);
    await store.put('problems/photos/2026-12/a.jpg', Buffer.from('one'));
    expect((await store.get('problems/photos/2026-12/a.jpg')).toString()).toBe('one');
    await store.put('problems/photos/2026-12/a.jpg', Buffer.from('two'));
    expect((await store.get('problems/photos/2026-12/a.jpg')).toString()).toBe('two');
    expect(readdirSync(join(root, 'problems', 'photos', '2026-12'))).toEqual(['a.jpg']);
    expect(statSync(join(root, 'problems', 'photos', '2026-12', 'a.jpg')).mode & 0o777).toBe(0o600);
    await store.delete('problems/photos/2026-12/a.jpg');
    await store.delete('problems/photos/2026-12/a.jpg');
    await expect(store.get('problems/photos/2026-12/a.jpg')).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('two stores on one directory (two servers) see each other’s files', async () => {
    await localFileStore(root).put('shared/x.bin', Buffer.from([1, 2, 3]));
    expect([...(await localFileStore(root).get('shared/x.bin'))]).toEqual([1, 2, 3]);
  });

  it('refuses keys that could leave the directory', async () => {
    const store = localFileStore(root);
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '', '.hidden', 'a\\b', 'a/./b'])
      await expect(store.put(key, Buffer.from('x')), key).rejects.toThrow(/invalid file key/);
  });

  it('is the data directory unless XIANFENG_FILES_DIR names another', async () => {
    await fileStoreFromConfig({ dataDir: root, filesDir: undefined }).put('k/v.txt', Buffer.from('d'));
    expect(statSync(join(root, 'k', 'v.txt')).size).toBe(1);
    const other = join(root, 'other');
    await fileStoreFromConfig({ dataDir: root, filesDir: other }).put('k/v.txt', Buffer.from('dd'));
    expect(statSync(join(other, 'k', 'v.txt')).size).toBe(2);
  });
});
