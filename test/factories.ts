import { randomBytes } from 'node:crypto';
import { projects, userRoles, users } from '../src/server/db/schema/index.js';
import { insertUnit } from '../src/server/modules/orgs/org.repository.js';
import { hashPassword } from '../src/server/crypto/password.js';
import type { AppContext } from '../src/server/context.js';
import type { OrgKind } from '../src/shared/org-kinds.js';
import type { RoleCode } from '../src/shared/roles.js';
import { pinyinKey } from '../src/shared/pinyin.js';
import { TEST_PASSWORD } from './test-app.js';

/** Factories create what they need with random names; tests never share rows. */
export const uid = (p = '') => `${p}${randomBytes(4).toString('hex')}`;

let passwordHash: Promise<string> | undefined;
const testHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export async function buildUnit(
  ctx: AppContext,
  o: { parentId?: number | null; kind?: OrgKind; name?: string; lng?: number; lat?: number; industry?: string } = {},
) {
  const name = o.name ?? `单位${uid()}`;
  return insertUnit(ctx.db, {
    parentId: o.parentId ?? null,
    kind: o.kind ?? (o.parentId ? 'township' : 'region'),
    name,
    pinyin: pinyinKey(name),
    lng: o.lng ?? null,
    lat: o.lat ?? null,
    industry: o.industry ?? null,
  });
}

/** A region with two townships, a department and a firm. */
export async function buildRegion(ctx: AppContext, name = `开发区${uid()}`) {
  const region = await buildUnit(ctx, { kind: 'region', name });
  const townA = await buildUnit(ctx, { parentId: region.id, kind: 'township', name: `甲镇${uid()}` });
  const townB = await buildUnit(ctx, { parentId: region.id, kind: 'township', name: `乙镇${uid()}` });
  const dept = await buildUnit(ctx, { parentId: region.id, kind: 'department', name: `住建局${uid()}` });
  const firm = await buildUnit(ctx, { parentId: townA.id, kind: 'firm', name: `企业${uid()}` });
  return { region, townA, townB, dept, firm };
}

export async function buildUser(
  ctx: AppContext,
  o: {
    unitId: number;
    roles?: RoleCode[];
    username?: string;
    displayName?: string;
    phone?: string;
    mustChangePassword?: boolean;
  },
) {
  const username = o.username ?? uid('u');
  const [row] = await ctx.db
    .insert(users)
    .values({
      username,
      displayName: o.displayName ?? `用户${username}`,
      pinyin: pinyinKey(o.displayName ?? username),
      passwordHash: await testHash(),
      scopeUnitId: o.unitId,
      mustChangePassword: o.mustChangePassword ?? false,
      phoneEnc: o.phone ? ctx.cipher.encrypt(o.phone) : null,
      phoneHash: o.phone ? ctx.cipher.blindIndex(o.phone) : null,
    })
    .returning();
  if (!row) throw new Error('user insert failed');
  if (o.roles?.length) await ctx.db.insert(userRoles).values(o.roles.map((roleCode) => ({ userId: row.id, roleCode })));
  return { ...row, password: TEST_PASSWORD };
}

/** A project bound to a township (and optionally a branch, owner firm, lead unit, leader, commissioner). */
export async function buildProject(
  ctx: AppContext,
  o: {
    regionId: number;
    townshipId: number;
    name?: string;
    stage?: string;
    ownerFirmUnitId?: number;
    partyBranchUnitId?: number;
    leadUnitId?: number;
    leaderUserId?: number;
    commissionerUserId?: number;
    industry?: string;
    lng?: number;
    lat?: number;
  },
) {
  const name = o.name ?? `项目${uid()}`;
  const [row] = await ctx.db
    .insert(projects)
    .values({
      code: uid('XM-'),
      name,
      pinyin: pinyinKey(name),
      stage: o.stage ?? 'started',
      regionUnitId: o.regionId,
      townshipUnitId: o.townshipId,
      ownerFirmUnitId: o.ownerFirmUnitId ?? null,
      partyBranchUnitId: o.partyBranchUnitId ?? null,
      leadUnitId: o.leadUnitId ?? null,
      leaderUserId: o.leaderUserId ?? null,
      commissionerUserId: o.commissionerUserId ?? null,
      industry: o.industry ?? null,
      lng: o.lng ?? null,
      lat: o.lat ?? null,
    })
    .returning();
  if (!row) throw new Error('project insert failed');
  return row;
}
