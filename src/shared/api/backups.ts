import { z } from 'zod';
import type { ApiTable } from './contract.js';

/** 数据备份: the request and response contract of /api/backups (server validates, web infers). */
export const backupRunSchema = z.object({
  id: z.number().int(),
  trigger: z.enum(['nightly', 'ui', 'cli']),
  startedByName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(['running', 'ok', 'failed']),
  fileName: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  sha256: z.string().nullable(),
  error: z.string().nullable(),
  /** Deleted by the retention policy (the row stays as history). */
  removed: z.boolean(),
  auditCount: z.number().int().nullable(),
});

export const backupListSchema = z.object({
  dir: z.string(),
  hour: z.number().int(),
  keep: z.object({ daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int() }),
  running: z.boolean(),
  lastOk: backupRunSchema.nullable(),
  /** Hours since the last successful backup finished (null: none yet). */
  lastOkAgeHours: z.number().nullable(),
  runs: z.array(backupRunSchema),
});

export const backupListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const backupStartBody = z.object({}).strict();
export const backupStartedSchema = z.object({ runId: z.number().int() });

export type BackupRunView = z.infer<typeof backupRunSchema>;
export type BackupList = z.infer<typeof backupListSchema>;
export type BackupStarted = z.infer<typeof backupStartedSchema>;

export const backupsApi = {
  'GET /api/backups': { query: backupListQuery, response: backupListSchema },
  'POST /api/backups': { body: backupStartBody, response: backupStartedSchema },
} satisfies ApiTable;
