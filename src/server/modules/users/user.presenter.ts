import type { FieldCipher } from '../../crypto/field-cipher.js';
import { maskPhone } from '../../../shared/mask.js';
import { ROLES } from '../../../shared/roles.js';
import type { UserRecord } from './user.repository.js';
import type { UserView } from '../../../shared/api/users.js';

/** The fields of a user the API shows; the phone is always masked here. */
export function presentUser(u: UserRecord, cipher: FieldCipher, now: Date): UserView {
  const locked = Boolean(u.lockedUntil && u.lockedUntil > now);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    title: u.title,
    phone: u.phoneEnc ? maskPhone(cipher.decrypt(u.phoneEnc)) : null,
    scopeUnit: { id: u.scopeUnitId, name: u.scopeUnitName, kind: u.scopeUnitKind },
    roles: u.roles.map((code) => ({ code, zh: ROLES[code].zh, en: ROLES[code].en })),
    status: u.disabled ? 'disabled' : locked ? 'locked' : 'active',
    lockedUntil: locked && u.lockedUntil ? u.lockedUntil.toISOString() : null,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a user: no phone, no hash. */
export function auditSnapshot(
  u: Pick<UserRecord, 'username' | 'displayName' | 'title' | 'scopeUnitId' | 'disabled' | 'roles'> & {
    phoneChanged?: boolean;
  },
) {
  return {
    username: u.username,
    displayName: u.displayName,
    title: u.title,
    scopeUnitId: u.scopeUnitId,
    disabled: u.disabled,
    roles: u.roles,
    ...(u.phoneChanged ? { phone: '(已修改 / changed)' } : {}),
  };
}
