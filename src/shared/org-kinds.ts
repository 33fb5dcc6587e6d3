/**
 * Kinds of node in the one organisation tree. Administrative units, functional departments, firms
 * and party organisations all live in it, so "this node and everything under it" is one query.
 */
export const ORG_KINDS = {
  region: { zh: '区域', en: 'Region' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  community: { zh: '村（社区）', en: 'Community' },
  department: { zh: '职能部门', en: 'Department' },
  firm: { zh: '企业', en: 'Firm' },
  party_working_committee: { zh: '党工委', en: 'Party working committee' },
  party_committee: { zh: '党委', en: 'Party committee' },
  general_branch: { zh: '党总支', en: 'General branch' },
  branch: { zh: '党支部', en: 'Party branch' },
  party_group: { zh: '党小组', en: 'Party group' },
  temp_branch: { zh: '临时党支部', en: 'Temporary branch' },
  joint_branch: { zh: '联合党支部', en: 'Joint branch' },
  comprehensive_committee: { zh: '综合党委', en: 'Comprehensive party committee' },
  chain_committee: { zh: '产业链党委', en: 'Industrial chain party committee' },
  guidance_station: { zh: '党建工作指导站', en: 'Party-building guidance station' },
} as const;

export type OrgKind = keyof typeof ORG_KINDS;
export const ORG_KIND_CODES = Object.keys(ORG_KINDS) as [OrgKind, ...OrgKind[]];

export const PARTY_ORG_KINDS: readonly OrgKind[] = [
  'party_working_committee',
  'party_committee',
  'general_branch',
  'branch',
  'party_group',
  'temp_branch',
  'joint_branch',
  'comprehensive_committee',
  'chain_committee',
  'guidance_station',
];

/** The kind of scope an actor acts within, derived from the kind of the scope node. */
export type ScopeKind = 'org' | 'dept' | 'firm';

export function scopeKindOf(kind: OrgKind): ScopeKind {
  if (kind === 'department') return 'dept';
  if (kind === 'firm') return 'firm';
  return 'org';
}
