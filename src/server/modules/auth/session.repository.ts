import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits, sessions, users } from '../../db/schema/index.js';
import type { RoleCode } from '../../../shared/roles.js';
import type { OrgKind } from '../../../shared/org-kinds.js';

export interface SessionUserRow {
  sessionId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  userId: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  disabled: boolean;
  scopeUnitId: number;
  scopePath: string;
  scopeKind: OrgKind;
  scopeName: string;
  roles: RoleCode[];
}

/**
 * The session, its user, the user's scope node and roles, looked up on every authenticated request:
 * one prepared statement per database handle, built once (no query building per request) and, on
 * PostgreSQL, named so each pooled connection parses and plans it once (decision 019). Not a cache:
 * every request reads the rows, so a logout, a disabled account or a role change counts at once.
 */
function prepareSessionLookup(db: Executor) {
  return db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      mustChangePassword: users.mustChangePassword,
      disabled: users.disabled,
      scopeUnitId: orgUnits.id,
      scopePath: orgUnits.path,
      scopeKind: orgUnits.kind,
      scopeName: orgUnits.name,
      roles: sql<unknown>`coalesce((select array_agg(ur.role_code order by ur.role_code) from user_roles ur where ur.user_id = ${users.id}), '{}')`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.revokedAt)))
    .prepare('xf_find_session_user');
}

const lookups = new WeakMap<Executor, ReturnType<typeof prepareSessionLookup>>();

export async function findSessionUser(db: Executor, sessionId: string): Promise<SessionUserRow | undefined> {
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    lookups.set(db, lookup);
  }
  const [r] = await lookup.execute({ id: sessionId });
  if (!r) return undefined;
  return { ...r, scopeKind: r.scopeKind as OrgKind, roles: parsePgArray(r.roles) as RoleCode[] };
}

/** node-postgres parses text[] into an array; PGlite may too; be tolerant of the literal form. */
function parsePgArray(v: unknown): string[] {
  if (Array.isArray(v)) return v as string[];
  if (typeof v === 'string')
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean);
  return [];
}

export async function insertSession(
  db: Executor,
  s: { id: string; userId: number; csrfToken: string; at: Date; ip: string | null },
): Promise<void> {
  await db
    .insert(sessions)
    .values({ id: s.id, userId: s.userId, csrfToken: s.csrfToken, createdAt: s.at, lastSeenAt: s.at, ip: s.ip });
}

export async function touchSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user (password reset, disabling), optionally keeping the current one. */
export async function deleteUserSessions(db: Executor, userId: number, keepSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId),
    );
}
