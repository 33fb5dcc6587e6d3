import type { BackupRun } from '../../backup/backup.runs.js';
import type { BackupRunView } from '../../../shared/api/backups.js';

/** A backup_runs row for the sysadmin's page: no manifest internals beyond the audit count. */
export function presentRun(r: BackupRun): BackupRunView {
  const manifest = r.manifest as { audit?: { count?: number } } | null;
  return {
    id: r.id,
    trigger: r.trigger as BackupRunView['trigger'],
    startedByName: r.startedByName,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    status: r.status as BackupRunView['status'],
    fileName: r.fileName,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    error: r.error,
    removed: r.removedAt !== null,
    auditCount: manifest?.audit?.count ?? null,
  };
}
