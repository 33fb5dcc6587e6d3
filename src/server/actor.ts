import type { Lang } from './errors.js';
import type { Permission } from '../shared/permissions.js';
import type { RoleCode } from '../shared/roles.js';
import type { OrgKind, ScopeKind } from '../shared/org-kinds.js';

/**
 * The authenticated user acting in one request. Every repository query is filtered by `scope`:
 * the actor's node of the organisation tree and everything under it.
 */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: RoleCode[];
  permissions: ReadonlySet<Permission>;
  scope: ActorScope;
  sessionId: string;
  ip: string;
  requestId: string;
  lang: Lang;
}

export interface ActorScope {
  unitId: number;
  /** Materialised path of the scope node, e.g. "/1/4/". */
  path: string;
  kind: ScopeKind;
  unitKind: OrgKind;
  name: string;
}

/** Who wrote an audit row: a user, or the system itself (jobs, start-up, failed logins). */
export interface AuditActor {
  userId: number | null;
  name: string;
  scopePath: string;
  ip: string | null;
  requestId: string | null;
}

export function auditActorOf(actor: Actor): AuditActor {
  return {
    userId: actor.userId,
    name: actor.username,
    scopePath: actor.scope.path,
    ip: actor.ip,
    requestId: actor.requestId,
  };
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, name: 'system', scopePath: '/', ip: null, requestId: null };

export function can(actor: Pick<Actor, 'permissions'>, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
