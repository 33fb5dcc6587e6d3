import { createHmac } from 'node:crypto';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { problemDeptSettings, webhookDeliveries } from '../../db/schema/index.js';
import { parseAllowList } from '../../net/address-policy.js';
import { guardedPostJson, type PostOutcome } from '../../net/guarded-post.js';

import type { WebhookKind } from '../../../shared/api/problems.js';

/** Minutes to wait before attempt 2, 3, 4, 5; after the fifth failure the delivery is marked failed. */
export const WEBHOOK_BACKOFF_MINUTES = [1, 5, 15, 60];
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_BACKOFF_MINUTES.length + 1;

export interface RobotMessage {
  title: string;
  lines: string[];
}

/**
 * The group-robot message formats: 企业微信 (WeCom) `{msgtype:'markdown', markdown:{content}}` and
 * 钉钉 (DingTalk) `{msgtype:'markdown', markdown:{title,text}}`.
 */
export function formatRobotMessage(kind: WebhookKind, m: RobotMessage): Record<string, unknown> {
  switch (kind) {
    case 'wecom':
      return {
        msgtype: 'markdown',
        markdown: { content: [`**${m.title}**`, ...m.lines.map((l) => `> ${l}`)].join('\n') },
      };
    case 'dingtalk':
      return {
        msgtype: 'markdown',
        markdown: { title: m.title, text: [`#### ${m.title}`, ...m.lines.map((l) => `- ${l}`)].join('\n') },
        at: { isAtAll: false },
      };
  }
}

/** DingTalk 加签: timestamp and HMAC-SHA256 signature of "timestamp\nsecret", appended to the URL. */
export function signDingtalkUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** Queues a message to a department's robot in the caller's transaction (outbox); nothing when none is configured. */
export async function enqueueWebhook(
  tx: Executor,
  deptUnitId: number,
  problemId: number | null,
  event: string,
  m: RobotMessage,
  at: Date,
): Promise<void> {
  const [s] = await tx.select().from(problemDeptSettings).where(eq(problemDeptSettings.deptUnitId, deptUnitId));
  if (!s?.webhookEnabled || !s.webhookKind || !s.webhookUrlEnc) return;
  const kind = s.webhookKind as WebhookKind;
  await tx.insert(webhookDeliveries).values({
    deptUnitId,
    problemId,
    kind,
    event,
    payload: formatRobotMessage(kind, m),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  });
}

/** Posts to the robot through the address guard; robots answer 200 with {errcode}, 0 meaning delivered. */
async function post(ctx: AppContext, url: string, payload: unknown): Promise<PostOutcome> {
  const res = await guardedPostJson(url, payload, parseAllowList(ctx.config.webhookAllow));
  if (!res.ok) return { ok: res.ok, status: res.status, error: res.error };
  let errcode = 0;
  try {
    const j = JSON.parse(res.body) as { errcode?: unknown };
    if (typeof j.errcode === 'number' && Number.isInteger(j.errcode)) errcode = j.errcode;
  } catch {
    /* a non-JSON 2xx counts as delivered */
  }
  // Only the robot's numeric code is kept: its errmsg is reply text and is never shown.
  return errcode === 0
    ? { ok: true, status: res.status, error: null }
    : { ok: false, status: res.status, error: `robot_errcode:${errcode}` };
}

/**
 * Delivers queued messages whose time has come (the job). Rows are claimed with SKIP LOCKED so two
 * servers never send one twice; a failure is retried after 1, 5, 15 and 60 minutes, then marked failed.
 */
export async function deliverDueWebhooks(ctx: AppContext, limit = 20): Promise<number> {
  const now = ctx.clock.now();
  const lease = new Date(now.getTime() + 5 * 60_000);
  const claimed = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
      .orderBy(asc(webhookDeliveries.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const r of rows)
      await tx.update(webhookDeliveries).set({ nextAttemptAt: lease }).where(eq(webhookDeliveries.id, r.id));
    return rows;
  });
  for (const d of claimed) {
    const [s] = await ctx.db.select().from(problemDeptSettings).where(eq(problemDeptSettings.deptUnitId, d.deptUnitId));
    const attempts = d.attempts + 1;
    let result: PostOutcome;
    if (!s?.webhookEnabled || !s.webhookUrlEnc) result = { ok: false, status: null, error: 'webhook_disabled' };
    else {
      let url = ctx.cipher.decrypt(s.webhookUrlEnc);
      if (d.kind === 'dingtalk' && s.webhookSecretEnc)
        url = signDingtalkUrl(url, ctx.cipher.decrypt(s.webhookSecretEnc), ctx.clock.now().getTime());
      result = await post(ctx, url, d.payload);
    }
    const at = ctx.clock.now();
    // A refused target or a disabled robot will not heal by waiting: give up at once.
    const final = result.error === 'webhook_disabled' || result.error?.startsWith('target_refused:') === true;
    const giveUp = !result.ok && (attempts >= WEBHOOK_MAX_ATTEMPTS || final);
    const backoff = WEBHOOK_BACKOFF_MINUTES[attempts - 1] ?? 60;
    await ctx.db
      .update(webhookDeliveries)
      .set({
        attempts,
        status: result.ok ? 'delivered' : giveUp ? 'failed' : 'pending',
        lastStatus: result.status,
        lastError: result.error,
        deliveredAt: result.ok ? at : null,
        nextAttemptAt: result.ok || giveUp ? at : new Date(at.getTime() + backoff * 60_000),
      })
      .where(eq(webhookDeliveries.id, d.id));
  }
  return claimed.length;
}

export async function deliveryCounts(db: Executor, deptUnitId: number) {
  return db
    .select({ status: webhookDeliveries.status, n: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.deptUnitId, deptUnitId))
    .groupBy(webhookDeliveries.status);
}

/** A delivery's last error as stored by this version (a classification); older free text reads as "error". */
export function safeDeliveryError(stored: string | null): string | null {
  if (stored === null) return null;
  return /^[a-z_]+(:[a-z0-9_-]+)?$/.test(stored) ? stored : 'error';
}
