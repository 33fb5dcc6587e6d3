import { describe, expect, it } from 'vitest';
import { placementError, PLACEMENT } from './org-placement.js';
import { ORG_KIND_CODES, PARTY_ORG_KINDS, type OrgKind } from '../shared/org-kinds.js';

describe('org placement', () => {
  it.each<[OrgKind, OrgKind, boolean]>([
    ['party_committee', 'party_group', false],
    ['party_committee', 'township', true],
    ['party_committee', 'party_working_committee', true],
    ['party_working_committee', 'branch', false],
    ['general_branch', 'party_committee', true],
    ['general_branch', 'branch', false],
    ['branch', 'general_branch', true],
    ['branch', 'community', true],
    ['branch', 'party_group', false],
    ['temp_branch', 'party_committee', true],
    ['joint_branch', 'comprehensive_committee', true],
    ['party_group', 'branch', true],
    ['party_group', 'temp_branch', true],
    ['party_group', 'general_branch', false],
    ['party_group', 'party_group', false],
    ['guidance_station', 'branch', false],
  ])('%s under %s: %s', (kind, parent, ok) => expect(placementError(kind, parent) === null).toBe(ok));

  it('a 党小组 holds nothing; every party kind has a row', () => {
    for (const k of PARTY_ORG_KINDS) {
      expect(PLACEMENT[k]?.length).toBeGreaterThan(0);
      expect(placementError(k, 'party_group')).not.toBeNull();
    }
    for (const ps of Object.values(PLACEMENT)) for (const p of ps ?? []) expect(ORG_KIND_CODES).toContain(p);
  });

  it('names both kinds in Chinese', () => {
    expect(placementError('party_committee', 'party_group')?.zh).toBe(
      '上级组织：党小组下不能设立党委（党委只能设在区域、乡镇（街道）、村（社区）、职能部门、企业、党工委、党委下）',
    );
  });
});
