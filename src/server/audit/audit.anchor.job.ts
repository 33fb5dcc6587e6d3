import type { Job } from '../jobs/scheduler.js';
import { anchorFileOf, writeAnchor } from './audit.anchor.js';
import { auditKey } from './audit.key.js';

/** Appends a checkpoint of the audit chain outside the database once per China date (the first check of the day). */
export const auditAnchorJob: Job = {
  name: 'audit-anchor',
  everyMs: 60 * 60_000,
  daily: { hour: 0 },
  async run(ctx) {
    const a = await writeAnchor(ctx.db, auditKey(), anchorFileOf(ctx.config), ctx.clock.now());
    if (a) ctx.log.info({ count: a.count }, 'audit checkpoint written');
  },
};
