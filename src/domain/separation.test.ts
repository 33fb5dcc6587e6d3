import { describe, expect, it } from 'vitest';
import { roleChangeViolation, separationViolation } from './separation.js';
import type { RoleCode } from '../shared/roles.js';

describe('三员分立', () => {
  it.each<[RoleCode[], boolean]>([
    [[], true],
    [['sysadmin'], true],
    [['secadmin'], true],
    [['auditor'], true],
    [['org_dept', 'leader'], true],
    [['sysadmin', 'secadmin'], false],
    [['secadmin', 'auditor'], false],
    [['sysadmin', 'auditor'], false],
    [['auditor', 'org_dept'], false],
    [['sysadmin', 'commissioner'], false],
  ])('%j allowed = %s', (roles, allowed) => {
    expect(separationViolation(roles) === null).toBe(allowed);
  });
});

describe('role edits made inside the system', () => {
  it.each<[RoleCode[], RoleCode[], 'triad_target' | 'composition' | null]>([
    [[], ['auditor'], null],
    [[], ['leader'], null],
    [['leader'], ['secretary', 'leader'], null],
    [['auditor'], ['auditor'], null],
    [['auditor'], ['leader'], 'triad_target'],
    [['auditor'], [], 'triad_target'],
    [['secadmin'], ['sysadmin'], 'triad_target'],
    [['sysadmin'], ['sysadmin', 'org_dept'], 'triad_target'],
    [['leader'], ['sysadmin'], 'composition'],
    [['commissioner'], ['auditor', 'commissioner'], 'composition'],
    [[], ['auditor', 'leader'], 'composition'],
  ])('%j → %j: %s', (before, wanted, kind) => {
    expect(roleChangeViolation(before, wanted)?.kind ?? null).toBe(kind);
  });
});
