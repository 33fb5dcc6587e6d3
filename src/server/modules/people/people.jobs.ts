import type { Job } from '../../jobs/scheduler.js';
import { sendPipelineReminders } from './pipeline.service.js';
import { expireTransfers } from './transfer.service.js';

/**
 * Pipeline due-date reminders once per China date from 07:00 (before the working day; also idempotent
 * per person + due date), and 超期 transfer letters hourly.
 */
export const peopleJobs: Job[] = [
  {
    name: 'people-pipeline-reminders',
    everyMs: 60 * 60_000,
    daily: { hour: 7 },
    run: async (ctx) => void (await sendPipelineReminders(ctx)),
  },
  { name: 'people-transfer-expiry', everyMs: 60 * 60_000, run: async (ctx) => void (await expireTransfers(ctx)) },
];
