import type { Job } from '../../jobs/scheduler.js';
import { sendPipelineReminders } from './pipeline.service.js';
import { expireTransfers } from './transfer.service.js';

/** Hourly: pipeline due-date reminders (idempotent per person + due date) and 超期 transfer letters. */
export const peopleJobs: Job[] = [
  {
    name: 'people-pipeline-reminders',
    everyMs: 60 * 60_000,
    run: async (ctx) => void (await sendPipelineReminders(ctx)),
  },
  { name: 'people-transfer-expiry', everyMs: 60 * 60_000, run: async (ctx) => void (await expireTransfers(ctx)) },
];
