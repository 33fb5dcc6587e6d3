import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { desc, like } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import { canonicalJson, isKeyedHash } from './audit.chain.js';

/**
 * A checkpoint of the audit chain kept OUTSIDE the database: the row count and head hash at a time,
 * one JSON line per checkpoint, MAC'd with the audit key. A database owner can delete the newest
 * rows or rewrite the chain, but cannot make it agree with lines already written here.
 */
export interface AuditAnchor {
  v: 1;
  at: string;
  /** Rows in the chain (ids are gap-free, so also the head row's id). */
  count: number;
  head: string;
  /** The first keyed (v2) row, when the chain has one. */
  keyedFrom: number | null;
  mac: string;
}

export type ReadAnchors = { anchors: AuditAnchor[]; invalidLines: number[] };

/** `XIANFENG_AUDIT_ANCHOR_FILE`, or `audit-anchors.log` in the data directory. */
export function anchorFileOf(config: { dataDir: string; auditAnchorFile?: string | undefined }): string {
  return resolve(config.auditAnchorFile ?? join(config.dataDir, 'audit-anchors.log'));
}

function macOf(key: Buffer, a: Omit<AuditAnchor, 'mac'>): string {
  return createHmac('sha256', key).update('xianfeng:audit-anchor\n').update(canonicalJson(a)).digest('hex');
}

/** Reads the current head and appends one checkpoint line; returns it (undefined for an empty log). */
export async function writeAnchor(db: Executor, key: Buffer, file: string, at: Date): Promise<AuditAnchor | undefined> {
  const [head] = await db
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!head) return undefined;
  const [firstKeyed] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(sqlKeyed())
    .orderBy(auditLog.id)
    .limit(1);
  const body = {
    v: 1 as const,
    at: at.toISOString(),
    count: head.id,
    head: head.hash,
    keyedFrom: isKeyedHash(head.hash) ? (firstKeyed?.id ?? null) : null,
  };
  const anchor: AuditAnchor = { ...body, mac: macOf(key, body) };
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  return anchor;
}

function sqlKeyed() {
  // The v2 prefix; no LIKE wildcard in it.
  return like(auditLog.hash, 'k1:%');
}

/** Every checkpoint line; lines that do not parse or whose MAC is wrong are reported by number. */
export function readAnchors(file: string, key: Buffer): ReadAnchors {
  if (!existsSync(file)) return { anchors: [], invalidLines: [] };
  const anchors: AuditAnchor[] = [];
  const invalidLines: number[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const a = JSON.parse(line) as AuditAnchor;
        const { mac, ...body } = a;
        const want = Buffer.from(macOf(key, body), 'hex');
        const got = Buffer.from(String(mac), 'hex');
        if (a.v !== 1 || got.length !== want.length || !timingSafeEqual(got, want)) invalidLines.push(i + 1);
        else anchors.push(a);
      } catch {
        invalidLines.push(i + 1);
      }
    });
  return { anchors, invalidLines };
}
