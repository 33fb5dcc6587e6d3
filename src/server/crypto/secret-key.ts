import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The key for field encryption: XIANFENG_SECRET_KEY when set (required in production); otherwise a
 * key generated once into the data directory, so a demo install keeps reading its own data.
 */
export function loadSecretKey(cfg: { secretKeyHex: string | undefined; dataDir: string }): string {
  if (cfg.secretKeyHex) return cfg.secretKeyHex.toLowerCase();
  const dir = resolve(cfg.dataDir);
  const file = join(dir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
