import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { loginAttempts, orgUnits, userRoles, users } from '../../db/schema/index.js';
import type { RoleCode } from '../../../shared/roles.js';
import { inSubtree } from '../../scope.js';
import { offsetOf, type PageQuery } from '../../http/pagination.js';
import type { Actor } from '../../actor.js';

/** The part of the actor a scoped read needs: users whose scope node lies inside the actor's subtree. */
type ScopedActor = Pick<Actor, 'scope'>;

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  title: string | null;
  phoneEnc: string | null;
  scopeUnitId: number;
  scopeUnitName: string;
  scopeUnitPath: string;
  scopeUnitKind: string;
  mustChangePassword: boolean;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  lockedUntil: Date | null;
  roles: RoleCode[];
}

const baseColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  title: users.title,
  phoneEnc: users.phoneEnc,
  scopeUnitId: users.scopeUnitId,
  scopeUnitName: orgUnits.name,
  scopeUnitPath: orgUnits.path,
  scopeUnitKind: orgUnits.kind,
  mustChangePassword: users.mustChangePassword,
  disabled: users.disabled,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  lockedUntil: loginAttempts.lockedUntil,
};

async function withRoles(db: Executor, rows: Array<Omit<UserRecord, 'roles'>>): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const grants = await db
    .select({ userId: userRoles.userId, role: userRoles.roleCode })
    .from(userRoles)
    .where(
      inArray(
        userRoles.userId,
        rows.map((r) => r.id),
      ),
    );
  const byUser = new Map<number, RoleCode[]>();
  for (const g of grants) byUser.set(g.userId, [...(byUser.get(g.userId) ?? []), g.role as RoleCode]);
  return rows.map((r) => ({ ...r, roles: (byUser.get(r.id) ?? []).sort() }));
}

export interface UserFilter extends PageQuery {
  q?: string | undefined;
  role?: RoleCode | undefined;
  unitId?: number | undefined;
  status?: 'active' | 'disabled' | 'locked' | undefined;
}

function filterWhere(scopePath: string, f: Omit<UserFilter, 'page' | 'pageSize'>, now: Date): SQL | undefined {
  const conds: Array<SQL | undefined> = [inSubtree(orgUnits.path, scopePath)];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like), ilike(users.pinyin, like)));
  }
  if (f.role)
    conds.push(sql`exists (select 1 from user_roles ur where ur.user_id = ${users.id} and ur.role_code = ${f.role})`);
  if (f.unitId) conds.push(eq(users.scopeUnitId, f.unitId));
  if (f.status === 'disabled') conds.push(eq(users.disabled, true));
  if (f.status === 'active') conds.push(eq(users.disabled, false));
  if (f.status === 'locked') conds.push(sql`${loginAttempts.lockedUntil} > ${now.toISOString()}::timestamptz`);
  return and(...conds);
}

/** Users whose scope node lies inside the actor's subtree. */
export async function listUsers(
  db: Executor,
  actor: ScopedActor,
  f: UserFilter,
  now: Date,
): Promise<{ rows: UserRecord[]; total: number }> {
  const where = filterWhere(actor.scope.path, f, now);
  const from = db
    .select(baseColumns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
    .leftJoin(loginAttempts, eq(loginAttempts.username, users.username));
  const [rows, [count]] = await Promise.all([
    from.where(where).orderBy(asc(users.username)).limit(f.pageSize).offset(offsetOf(f)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
      .leftJoin(loginAttempts, eq(loginAttempts.username, users.username))
      .where(where),
  ]);
  return { rows: await withRoles(db, rows), total: count?.n ?? 0 };
}

export async function findUserInScope(db: Executor, actor: ScopedActor, id: number): Promise<UserRecord | undefined> {
  const rows = await db
    .select(baseColumns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
    .leftJoin(loginAttempts, eq(loginAttempts.username, users.username))
    .where(and(eq(users.id, id), inSubtree(orgUnits.path, actor.scope.path)));
  return (await withRoles(db, rows))[0];
}

/** Row lock for a write, so two administrators editing one user serialise. */
export async function lockUser(db: Executor, id: number): Promise<void> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, id)).for('update');
}

export async function findUserByUsername(db: Executor, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

export async function usernameExists(db: Executor, username: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return Boolean(row);
}

export async function rolesOf(db: Executor, userId: number): Promise<RoleCode[]> {
  const rows = await db.select({ role: userRoles.roleCode }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role as RoleCode).sort();
}
