import type { LocalText } from '../errors.js';

export type BackupRefusal =
  | 'not_backup'
  | 'truncated'
  | 'corrupted'
  | 'wrong_key'
  | 'newer_format'
  | 'newer_migrations'
  | 'target_not_empty'
  | 'backup_dir_inside_data'
  | 'kind_mismatch'
  | 'verify_failed';

/** Why a backup file (or a restore target) is refused, with the Chinese and English message. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupRefusal,
    readonly text: LocalText,
  ) {
    super(`${text.zh}\n${text.en}`);
  }
}

export const refuse = (code: BackupRefusal, zh: string, en: string) => new BackupError(code, { zh, en });
