import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

/**
 * Converts a file with LibreOffice (headless) and returns the output path — proof that LibreOffice
 * opens what we export. A private profile per call keeps parallel runs from clashing.
 */
export function convertWithLibreOffice(file: string, filter: string, outDir: string): string {
  const profile = `/tmp/lo-${randomBytes(6).toString('hex')}`;
  try {
    const r = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, file],
      { encoding: 'utf8', timeout: 180_000 },
    );
    const ext = filter.split(':')[0] as string;
    const out = join(outDir, `${basename(file, extname(file))}.${ext}`);
    if (r.status !== 0 || !existsSync(out))
      throw new Error(`soffice failed (${r.status}): ${r.stderr} ${r.stdout} ${readdirSync(outDir).join(',')}`);
    return out;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
