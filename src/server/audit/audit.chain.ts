import { createHash, createHmac } from 'node:crypto';

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalize);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = normalize(v);
  }
  return out;
}

/** The value as it will read back from jsonb: plain JSON, keys sorted. */
export function toStoredJson(value: unknown): unknown {
  return value === undefined || value === null ? null : (JSON.parse(canonicalJson(value)) as unknown);
}

export interface ChainFields {
  id: number;
  at: Date;
  actorId: number | null;
  actorName: string;
  scopePath: string;
  ip: string | null;
  requestId: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Version 1 (rows written before the chain was keyed): sha256, anyone can recompute it. */
export function chainHash(prevHash: string, row: ChainFields): string {
  const body = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Version 2 hashes carry this prefix: HMAC-SHA256 under the audit key (see audit.key.ts). */
export const KEYED_PREFIX = 'k1:';

export function isKeyedHash(hash: string): boolean {
  return hash.startsWith(KEYED_PREFIX);
}

/** Version 2: the same input as version 1, keyed, so it cannot be recomputed without the secret. */
export function keyedChainHash(key: Buffer, prevHash: string, row: ChainFields): string {
  const body = canonicalJson({ ...row, at: row.at.toISOString() });
  return KEYED_PREFIX + createHmac('sha256', key).update(prevHash).update('\n').update(body).digest('hex');
}
