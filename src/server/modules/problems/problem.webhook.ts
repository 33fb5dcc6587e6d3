import { createHmac } from 'node:crypto';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { problemDeptSettings, webhookDeliveries } from '../../db/schema/index.js';

export const WEBHOOK_KINDS = ['wecom', 'dingtalk'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

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

async function post(
  url: string,
  payload: unknown,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(5000),
    });
    const text = await res.text();
    if (!res.ok) return { ok: false, status: res.status, error: text.slice(0, 200) || res.statusText };
    // Both robots answer 200 with {errcode, errmsg}; errcode 0 is success.
    let errcode = 0;
    let errmsg = '';
    try {
      const j = JSON.parse(text) as { errcode?: number; errmsg?: string };
      errcode = j.errcode ?? 0;
      errmsg = j.errmsg ?? '';
    } catch {
      /* a non-JSON 2xx counts as delivered */
    }
    return errcode === 0
      ? { ok: true, status: res.status, error: null }
      : { ok: false, status: res.status, error: `errcode ${errcode}: ${errmsg}`.slice(0, 200) };
  } catch (e) {
    return { ok: false, status: null, error: (e as Error).message.slice(0, 200) };
  }
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
    let result: { ok: boolean; status: number | null; error: string | null };
    if (!s?.webhookEnabled || !s.webhookUrlEnc) result = { ok: false, status: null, error: 'webhook disabled' };
    else {
      let url = ctx.cipher.decrypt(s.webhookUrlEnc);
      if (d.kind === 'dingtalk' && s.webhookSecretEnc)
        url = signDingtalkUrl(url, ctx.cipher.decrypt(s.webhookSecretEnc), ctx.clock.now().getTime());
      result = await post(url, d.payload);
    }
    const at = ctx.clock.now();
    const giveUp = !result.ok && (attempts >= WEBHOOK_MAX_ATTEMPTS || result.error === 'webhook disabled');
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
