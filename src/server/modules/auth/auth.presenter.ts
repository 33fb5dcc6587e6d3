import type { Me } from '../../../shared/api/auth.js';
import type { SessionUserRow } from './session.repository.js';
import { permissionsOf, ROLES } from '../../../shared/roles.js';
import { scopeKindOf } from '../../../shared/org-kinds.js';

export function presentMe(row: SessionUserRow, idleMinutes: number): Me {
  return {
    user: {
      id: row.userId,
      username: row.username,
      displayName: row.displayName,
      roles: row.roles.map((code) => ({ code, zh: ROLES[code].zh, en: ROLES[code].en })),
      permissions: [...permissionsOf(row.roles)].sort(),
      scope: {
        unitId: row.scopeUnitId,
        name: row.scopeName,
        kind: scopeKindOf(row.scopeKind),
        unitKind: row.scopeKind,
      },
      mustChangePassword: row.mustChangePassword,
    },
    csrfToken: row.csrfToken,
    sessionIdleMinutes: idleMinutes,
  };
}
