import { ORG_KINDS, type OrgKind } from '../shared/org-kinds.js';

const COMMITTEES: OrgKind[] = [
  'party_working_committee',
  'party_committee',
  'comprehensive_committee',
  'chain_committee',
];
const ADMIN: OrgKind[] = ['region', 'township', 'community', 'department', 'firm'];
const BRANCHES: OrgKind[] = ['branch', 'temp_branch', 'joint_branch'];

/**
 * Which kinds of parent may hold each party-organisation kind (党工委/党委 → 党总支 → 党支部 → 党小组,
 * with 临时/联合党支部 beside 党支部, 综合党委 and 产业链党委 beside 党委). A 党小组 holds no organisation.
 * Administrative units, departments and firms are placed by the administrator, not by this table.
 */
export const PLACEMENT: Partial<Record<OrgKind, readonly OrgKind[]>> = {
  party_working_committee: ['region', 'township'],
  party_committee: [...ADMIN, 'party_working_committee', 'party_committee'],
  comprehensive_committee: ['region', 'township', 'party_working_committee', 'party_committee'],
  chain_committee: ['region', 'township', 'party_working_committee', 'party_committee'],
  guidance_station: ['region', 'township', 'community', ...COMMITTEES],
  general_branch: [...ADMIN, ...COMMITTEES],
  branch: [...ADMIN, ...COMMITTEES, 'general_branch'],
  temp_branch: [...ADMIN, ...COMMITTEES, 'general_branch'],
  joint_branch: [...ADMIN, ...COMMITTEES, 'general_branch'],
  party_group: BRANCHES,
};

/** Why `kind` may not be placed under `parentKind` ({zh, en}), or null when it may. */
export function placementError(kind: OrgKind, parentKind: OrgKind): { zh: string; en: string } | null {
  const allowed = PLACEMENT[kind];
  if (!allowed || allowed.includes(parentKind)) return null;
  return {
    zh: `上级组织：${ORG_KINDS[parentKind].zh}下不能设立${ORG_KINDS[kind].zh}（${ORG_KINDS[kind].zh}只能设在${allowed.map((k) => ORG_KINDS[k].zh).join('、')}下）`,
    en: `parentId: a ${ORG_KINDS[kind].en} cannot be placed under a ${ORG_KINDS[parentKind].en}`,
  };
}
