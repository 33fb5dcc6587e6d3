import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Uploaded files (problem photos today) go through this one interface, by key — never by a path
 * built in a module. The key is a relative name the server makes up (`problems/photos/2026-12/<uuid>.jpg`),
 * stored in the owning row; the bytes live in the store.
 *
 * The default store is a local directory: XIANFENG_FILES_DIR, else the data directory (where photos
 * have always been). When several servers run against one PostgreSQL database, they must all point
 * XIANFENG_FILES_DIR at the SAME shared directory (an NFS or SMB mount): a photo uploaded through one
 * server is then read through another. Writes go to a temporary name and are renamed into place, so a
 * reader on another server never sees half a file. An S3-compatible store would implement the same
 * interface (not needed yet).
 */
export interface FileStore {
  /** Writes `data` under `key` (replacing what was there). */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes under `key`; throws FileNotFoundError when there are none. */
  get(key: string): Promise<Buffer>;
  /** Removes `key`; nothing happens when it does not exist. */
  delete(key: string): Promise<void>;
}

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored file ${key}`);
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A key is `a/b/c.ext`: plain segments only (no `..`, no absolute path, no backslash). */
export function assertKey(key: string): void {
  const parts = key.split('/');
  if (parts.length > 8 || !parts.every((p) => SEGMENT.test(p) && !p.includes('..')))
    throw new Error(`invalid file key ${JSON.stringify(key)}`);
}

/** The local-directory store rooted at `root` (created on the first write). */
export function localFileStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertKey(key);
    return join(base, ...key.split('/'));
  };
  return {
    async put(key, data) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, data, { mode: 0o600 });
      await rename(tmp, path);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(key);
        throw e;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** The store the configuration names: XIANFENG_FILES_DIR, else the data directory. */
export function fileStoreFromConfig(config: { dataDir: string; filesDir: string | undefined }): FileStore {
  return localFileStore(config.filesDir ?? config.dataDir);
}
