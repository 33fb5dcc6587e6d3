import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { auditLog, type AuditRow } from '../src/server/db/schema/index.js';
import { recordAudit } from '../src/server/audit/audit.writer.js';
import { auditKey } from '../src/server/audit/audit.key.js';
import { chainHash, GENESIS_HASH, keyedChainHash, type ChainFields } from '../src/server/audit/audit.chain.js';
import { anchorFileOf, readAnchors, writeAnchor } from '../src/server/audit/audit.anchor.js';
import { checkAuditChain } from '../src/server/audit/audit.check.js';
import { fieldsOf } from '../src/server/audit/audit.verify.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';

/**
 * The chain resists someone with database access: keyed with a secret outside the database and
 * anchored in a file outside it. Each attack runs on a copy of the rows, which is put back after.
 */
let t: TestApp;
let aud: Agent;
let file: string;

const fields = fieldsOf;

const rows = () => t.ctx.db.select().from(auditLog).orderBy(asc(auditLog.id));
const check = () => checkAuditChain(t.ctx.db, auditKey(), file);

/** Replaces the whole table, as an owner can (guard trigger off). */
async function replaceAll(next: AuditRow[]): Promise<void> {
  await t.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await tx.execute(sql`delete from audit_log`);
    for (let i = 0; i < next.length; i += 200) await tx.insert(auditLog).values(next.slice(i, i + 200));
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
  });
}

/** Runs an attack on the live table and restores the original rows afterwards. */
async function attack<T>(fn: (original: AuditRow[]) => Promise<T>): Promise<T> {
  const original = await rows();
  try {
    return await fn(original);
  } finally {
    await replaceAll(original);
  }
}

/** Rewrites row `fromId` and recomputes it and every later hash with `hash(prev, row)`. */
function rechain(original: AuditRow[], fromId: number, hash: (prev: string, r: ChainFields) => string): AuditRow[] {
  let prev = GENESIS_HASH;
  return original.map((r) => {
    if (r.id < fromId) {
      prev = r.hash;
      return r;
    }
    const changed = r.id === fromId ? { ...r, after: { tampered: '篡改' } } : r;
    const h = hash(prev, fields(changed));
    const out = { ...changed, prevHash: prev, hash: h };
    prev = h;
    return out;
  });
}

beforeAll(async () => {
  t = await createTestApp();
  file = anchorFileOf(t.ctx.config);
  const r = await buildRegion(t.ctx);
  aud = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['auditor'] })).username);
  const sys = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['sysadmin'] })).username);
  for (let i = 0; i < 6; i++) {
    const u = await buildUser(t.ctx, { unitId: r.townA.id });
    await sys.patch(`/api/users/${u.id}`, { displayName: `改名${i}` });
  }
  expect(await writeAnchor(t.ctx.db, auditKey(), file, t.clock.now())).toBeDefined();
});
afterAll(async () => {
  rmSync(file, { force: true });
  await t?.close();
});

describe('keyed chain and checkpoints outside the database', () => {
  it('untouched: verifies, keyed, against the checkpoint, here and from the audit page', async () => {
    const all = await rows();
    expect(all.every((r) => r.hash.startsWith('k1:'))).toBe(true);
    const report = await check();
    expect(report).toMatchObject({ ok: true, checked: all.length, anchors: { checked: 1 } });
    expect((await aud.get('/api/audit/verify')).json()).toMatchObject({ ok: true, checked: all.length });
  });

  it('deleting the newest rows is caught by the checkpoint (and only by it)', async () => {
    const res = await attack(async (original) => {
      await replaceAll(original.slice(0, -3));
      const withoutAnchors = await checkAuditChain(t.ctx.db, auditKey(), `${file}.none`);
      return { withoutAnchors, withAnchors: await check() };
    });
    expect(res.withoutAnchors.ok).toBe(true); // what the issue found: the chain alone cannot tell
    const count = (await rows()).length;
    expect(res.withAnchors).toMatchObject({ ok: false, firstBad: { id: count - 2, reason: 'truncated' } });
    expect((await check()).ok).toBe(true);
  });

  it('a row rewritten and every later hash recomputed with the project’s unkeyed function is caught', async () => {
    const report = await attack(async (original) => {
      await replaceAll(rechain(original, 3, chainHash));
      return check();
    });
    expect(report.ok).toBe(false);
    expect(report.firstBad?.id).toBe(3);
    // Recomputed unkeyed from a later row too: an unkeyed row after keyed ones.
    const later = await attack(async (original) => {
      await replaceAll(rechain(original, 6, chainHash));
      return checkAuditChain(t.ctx.db, auditKey(), `${file}.none`);
    });
    expect(later).toMatchObject({ ok: false, firstBad: { id: 6, reason: 'unkeyed_after_keyed' } });
  });

  it('…and with the keyed function under another key', async () => {
    const otherKey = randomBytes(32);
    const report = await attack(async (original) => {
      await replaceAll(rechain(original, 4, (prev, r) => keyedChainHash(otherKey, prev, r)));
      return checkAuditChain(t.ctx.db, auditKey(), `${file}.none`);
    });
    expect(report).toMatchObject({ ok: false, firstBad: { id: 4, reason: 'hash_mismatch' } });
  });

  it('an altered checkpoint line is reported', async () => {
    const { anchors } = readAnchors(file, auditKey());
    const forged = { ...anchors[0], count: 1 };
    const otherFile = `${file}.forged`;
    writeFileSync(otherFile, `${JSON.stringify(forged)}\n`);
    try {
      expect(await checkAuditChain(t.ctx.db, auditKey(), otherFile)).toMatchObject({
        ok: false,
        firstBad: { reason: 'anchor_invalid' },
      });
    } finally {
      rmSync(otherFile, { force: true });
    }
  });
});

describe('the switch from the unkeyed chain', () => {
  it('rows hashed unkeyed by the old code are sealed once by a keyed, audited row; then all verifies', async () => {
    const result = await attack(async (original) => {
      // The table as the previous version left it: every row unkeyed.
      const unkeyed = rechainPlain(original);
      await replaceAll(unkeyed);
      const before = await checkAuditChain(t.ctx.db, auditKey(), `${file}.none`);
      await t.ctx.db.transaction(async (tx) => {
        await recordAudit(
          tx,
          { userId: null, name: 'test', scopePath: '/', ip: null, requestId: null },
          { entity: 'settings', entityId: null, action: 'update' },
          t.clock.now(),
        );
      });
      const after = await rows();
      return {
        before,
        after,
        n: unkeyed.length,
        verified: await checkAuditChain(t.ctx.db, auditKey(), `${file}.none`),
      };
    });
    expect(result.before).toMatchObject({ ok: true, keyedFrom: null });
    const seal = result.after[result.n];
    expect(seal).toMatchObject({ entity: 'audit', action: 'chain_keyed', after: { unkeyedRows: result.n } });
    expect(seal?.hash.startsWith('k1:')).toBe(true);
    expect(result.after[result.n + 1]?.hash.startsWith('k1:')).toBe(true);
    expect(result.verified).toMatchObject({ ok: true, keyedFrom: result.n + 1, checked: result.n + 2 });
  });
});

/** The same rows with every hash recomputed unkeyed (the previous version's chain). */
function rechainPlain(original: AuditRow[]): AuditRow[] {
  let prev = GENESIS_HASH;
  return original.map((r) => {
    const h = chainHash(prev, fields(r));
    const out = { ...r, prevHash: prev, hash: h };
    prev = h;
    return out;
  });
}
