import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/client.js';
import { orgUnits, userRoles, users } from '../db/schema/index.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { recordAudit } from '../audit/audit.writer.js';
import { hashPassword } from '../crypto/password.js';
import { insertUnit } from '../modules/orgs/index.js';
import { createSetupToken } from '../modules/auth/index.js';
import { pinyinKey } from '../../shared/pinyin.js';
import type { RoleCode } from '../../shared/roles.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './demo-region.js';
import { DEMO_SEEDERS } from './demo-seeders.js';
import { lockFirstStart } from './start-lock.js';
import type { DemoRefs } from './demo-types.js';

async function isEmpty(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgUnits);
  return (row?.n ?? 0) === 0;
}

/**
 * Loads the demo region and one account per role into an empty database. Returns false if not empty.
 * Emptiness is checked again under the first-start lock: of two servers starting at once, one loads.
 */
export async function loadDemoData(ctx: AppContext): Promise<boolean> {
  if (!(await isEmpty(ctx.db))) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockFirstStart(tx);
    if (!(await isEmpty(tx))) return false;
    const ids = new Map<string, number>();
    const userIds = new Map<string, number>();
    const projectIds = new Map<string, number>();
    const must = (m: Map<string, number>, k: string, what: string) => {
      const v = m.get(k);
      if (v === undefined) throw new Error(`demo data: unknown ${what} ${k}`);
      return v;
    };
    const refs: DemoRefs = {
      unit: (k) => must(ids, k, 'unit'),
      user: (k) => must(userIds, k, 'user'),
      project: (k) => must(projectIds, k, 'project'),
      setUnit: (k, id) => void ids.set(k, id),
      setProject: (k, id) => void projectIds.set(k, id),
      now,
    };
    for (const [i, u] of DEMO_UNITS.entries()) {
      const parentId = u.parent ? (ids.get(u.parent) ?? null) : null;
      const row = await insertUnit(tx, {
        parentId,
        kind: u.kind,
        name: u.name,
        code: u.code,
        sortOrder: i,
        lng: u.lng ?? null,
        lat: u.lat ?? null,
        industry: u.industry ?? null,
        address: u.address ?? null,
        pinyin: pinyinKey(u.name),
      });
      ids.set(u.key, row.id);
    }
    for (const a of DEMO_ACCOUNTS) {
      const [row] = await tx
        .insert(users)
        .values({
          username: a.username,
          displayName: a.displayName,
          pinyin: pinyinKey(a.displayName),
          passwordHash: hash,
          scopeUnitId: ids.get(a.unit) as number,
          title: a.title,
          phoneEnc: ctx.cipher.encrypt(a.phone),
          phoneHash: ctx.cipher.blindIndex(a.phone),
          passwordChangedAt: now,
        })
        .returning({ id: users.id });
      await tx.insert(userRoles).values({ userId: row?.id as number, roleCode: a.role, grantedAt: now });
      userIds.set(a.username, row?.id as number);
    }
    for (const seed of DEMO_SEEDERS) await seed(tx, ctx, refs);
    await recordAudit(
      tx,
      SYSTEM_ACTOR,
      {
        entity: 'settings',
        entityId: null,
        action: 'seed',
        after: { demo: true, units: DEMO_UNITS.length, accounts: DEMO_ACCOUNTS.map((a) => a.username) },
      },
      now,
    );
    return true;
  });
}

/**
 * Production first start: the root unit and the three administrator accounts, with no password.
 * The first administrator sets one with the one-time setup token this returns (print it once);
 * undefined when the database was not empty (or another server bootstrapped it first).
 */
export async function bootstrapProduction(ctx: AppContext): Promise<string | undefined> {
  if (!(await isEmpty(ctx.db))) return undefined;
  const now = ctx.clock.now();
  const admins: Array<[string, string, RoleCode]> = [
    ['admin', '系统管理员', 'sysadmin'],
    ['secadmin', '安全管理员', 'secadmin'],
    ['auditor', '审计管理员', 'auditor'],
  ];
  const created = await ctx.db.transaction(async (tx) => {
    await lockFirstStart(tx);
    if (!(await isEmpty(tx))) return false;
    const root = await insertUnit(tx, {
      parentId: null,
      kind: 'region',
      name: ctx.config.regionName,
      pinyin: pinyinKey(ctx.config.regionName),
    });
    for (const [username, displayName, role] of admins) {
      const [row] = await tx
        .insert(users)
        .values({
          username,
          displayName,
          pinyin: pinyinKey(displayName),
          passwordHash: null,
          mustChangePassword: true,
          scopeUnitId: root.id,
        })
        .returning({ id: users.id });
      await tx.insert(userRoles).values({ userId: row?.id as number, roleCode: role, grantedAt: now });
    }
    await recordAudit(
      tx,
      SYSTEM_ACTOR,
      {
        entity: 'settings',
        entityId: null,
        action: 'seed',
        after: { production: true, region: ctx.config.regionName },
      },
      now,
    );
    return true;
  });
  return created ? createSetupToken(ctx) : undefined;
}
