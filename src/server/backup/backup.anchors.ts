import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * After a restore the audit log holds fewer rows than checkpoints written later say, and every
 * verification would report "truncated". The old checkpoint file is kept under a new name; the new
 * one keeps only the checkpoints the restored chain reaches (their MACs unchanged).
 */
export function trimAnchorsAfterRestore(file: string, restoredCount: number, stamp: string): string | null {
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const keep = lines.filter((l) => {
    try {
      return (JSON.parse(l) as { count: number }).count <= restoredCount;
    } catch {
      return true;
    }
  });
  if (keep.length === lines.length) return null;
  const aside = `${file}.before-restore-${stamp}`;
  renameSync(file, aside);
  writeFileSync(file, keep.map((l) => `${l}\n`).join(''), { mode: 0o600 });
  return aside;
}
