import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { sessions } from '../../db/schema/index.js';
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

/** The session, its user, the user's scope node and roles: one query per authenticated request. */
export async function findSessionUser(db: Executor, sessionId: string): Promise<SessionUserRow | undefined> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.id as session_id, s.csrf_token, s.created_at, s.last_seen_at,
               u.id as user_id, u.username, u.display_name, u.must_change_password, u.disabled,
               o.id as scope_unit_id, o.path as scope_path, o.kind as scope_kind, o.name as scope_name,
               coalesce((select array_agg(ur.role_code order by ur.role_code) from user_roles ur where ur.user_id = u.id), '{}') as roles
          from sessions s
          join users u on u.id = s.user_id
          join org_units o on o.id = u.scope_unit_id
         where s.id = ${sessionId} and s.revoked_at is null`,
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    sessionId: r.session_id as string,
    csrfToken: r.csrf_token as string,
    createdAt: new Date(r.created_at as string),
    lastSeenAt: new Date(r.last_seen_at as string),
    userId: r.user_id as number,
    username: r.username as string,
    displayName: r.display_name as string,
    mustChangePassword: r.must_change_password as boolean,
    disabled: r.disabled as boolean,
    scopeUnitId: r.scope_unit_id as number,
    scopePath: r.scope_path as string,
    scopeKind: r.scope_kind as OrgKind,
    scopeName: r.scope_name as string,
    roles: parsePgArray(r.roles) as RoleCode[],
  };
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
