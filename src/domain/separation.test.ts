import { describe, expect, it } from 'vitest';
import { separationViolation } from './separation.js';
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
