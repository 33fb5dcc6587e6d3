import { isAbsolute, relative, resolve } from 'node:path';
import { refuse } from './backup.errors.js';

/** XIANFENG_BACKUP_DIR, or `backups` beside the data directory — never inside it (refused). */
export function backupDirOf(config: { dataDir: string; backupDir: string | undefined }): string {
  const data = resolve(config.dataDir);
  const dir = config.backupDir ? resolve(config.backupDir) : resolve(data, '..', 'backups');
  const rel = relative(data, dir);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
    throw refuse(
      'backup_dir_inside_data',
      `备份目录 ${dir} 位于数据目录 ${data} 之内：数据目录损坏时备份会一同丢失，请把 XIANFENG_BACKUP_DIR 设到数据目录之外。`,
      `The backup directory ${dir} is inside the data directory ${data}: a lost data directory would take its backups with it. Set XIANFENG_BACKUP_DIR outside it.`,
    );
  return dir;
}

const NAME_RE = /^xianfeng-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-\d+)?\.xfbak$/;

/** xianfeng-20261207T023000Z.xfbak: the UTC time it was made, to the second (-2, -3… within one second). */
export function backupFileName(at: Date, n?: number): string {
  const s = at.toISOString();
  const stamp = `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}T${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}Z`;
  return `xianfeng-${stamp}${n ? `-${n}` : ''}.xfbak`;
}

export function parseBackupFileName(name: string): Date | undefined {
  const m = NAME_RE.exec(name);
  if (!m) return undefined;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}
