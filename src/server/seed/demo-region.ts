import type { OrgKind } from '../../shared/org-kinds.js';
import type { RoleCode } from '../../shared/roles.js';

/**
 * The demo region, modelled on the source articles: a development zone with three townships, its
 * functional departments, firms of a food park and of the 煤—焦—氢 chain, and party organisations.
 */
export interface DemoUnit {
  key: string;
  parent: string | null;
  kind: OrgKind;
  name: string;
  code: string;
  lng?: number;
  lat?: number;
  industry?: string;
  address?: string;
}

export const DEMO_UNITS: DemoUnit[] = [
  { key: 'zone', parent: null, kind: 'region', name: '先锋经济开发区', code: 'XF', lng: 113.62, lat: 34.75 },
  { key: 'gwc', parent: 'zone', kind: 'party_working_committee', name: '先锋经济开发区党工委', code: 'XF-DGW' },
  { key: 'langshan', parent: 'zone', kind: 'township', name: '狼山街道', code: 'XF-LS', lng: 113.6, lat: 34.77 },
  { key: 'tieshan', parent: 'zone', kind: 'township', name: '铁山镇', code: 'XF-TS', lng: 113.68, lat: 34.72 },
  { key: 'donglin', parent: 'zone', kind: 'township', name: '东临镇', code: 'XF-DL', lng: 113.55, lat: 34.7 },
  {
    key: 'xingfu',
    parent: 'langshan',
    kind: 'community',
    name: '幸福社区',
    code: 'XF-LS-XF',
    lng: 113.605,
    lat: 34.772,
  },
  {
    key: 'donghu',
    parent: 'langshan',
    kind: 'community',
    name: '东湖社区',
    code: 'XF-LS-DH',
    lng: 113.598,
    lat: 34.768,
  },
  {
    key: 'tieshancun',
    parent: 'tieshan',
    kind: 'community',
    name: '铁山村',
    code: 'XF-TS-TS',
    lng: 113.682,
    lat: 34.722,
  },
  {
    key: 'donglincun',
    parent: 'donglin',
    kind: 'community',
    name: '东临村',
    code: 'XF-DL-DL',
    lng: 113.552,
    lat: 34.703,
  },
  { key: 'zrzy', parent: 'zone', kind: 'department', name: '自然资源局', code: 'XF-ZRZY' },
  { key: 'zj', parent: 'zone', kind: 'department', name: '住房和城乡建设局', code: 'XF-ZJ' },
  { key: 'fg', parent: 'zone', kind: 'department', name: '发展和改革局', code: 'XF-FG' },
  { key: 'sw', parent: 'zone', kind: 'department', name: '税务局', code: 'XF-SW' },
  { key: 'scjg', parent: 'zone', kind: 'department', name: '市场监督管理局', code: 'XF-SCJG' },
  { key: 'yj', parent: 'zone', kind: 'department', name: '应急管理局', code: 'XF-YJ' },
  { key: 'rs', parent: 'zone', kind: 'department', name: '人力资源和社会保障局', code: 'XF-RS' },
  { key: 'xzsp', parent: 'zone', kind: 'department', name: '行政审批服务局', code: 'XF-XZSP' },
  {
    key: 'food',
    parent: 'langshan',
    kind: 'firm',
    name: '先锋食品产业园有限公司',
    code: 'F-FOOD',
    industry: '食品加工',
    lng: 113.603,
    lat: 34.774,
    address: '狼山街道产业大道 8 号',
  },
  {
    key: 'huajian',
    parent: 'langshan',
    kind: 'firm',
    name: '华建建设集团有限公司',
    code: 'F-HUAJIAN',
    industry: '建筑施工',
    lng: 113.607,
    lat: 34.771,
  },
  {
    key: 'logistics',
    parent: 'langshan',
    kind: 'firm',
    name: '狼山冷链物流有限公司',
    code: 'F-LOGI',
    industry: '物流',
    lng: 113.611,
    lat: 34.776,
  },
  {
    key: 'coke',
    parent: 'tieshan',
    kind: 'firm',
    name: '铁山煤焦化有限公司',
    code: 'F-COKE',
    industry: '煤焦化工',
    lng: 113.684,
    lat: 34.719,
  },
  {
    key: 'hydrogen',
    parent: 'tieshan',
    kind: 'firm',
    name: '铁山氢能科技有限公司',
    code: 'F-H2',
    industry: '氢能',
    lng: 113.689,
    lat: 34.724,
  },
  {
    key: 'material',
    parent: 'donglin',
    kind: 'firm',
    name: '东临新材料有限公司',
    code: 'F-MAT',
    industry: '新材料',
    lng: 113.548,
    lat: 34.701,
  },
  {
    key: 'electronics',
    parent: 'donglin',
    kind: 'firm',
    name: '东临电子科技有限公司',
    code: 'F-ELEC',
    industry: '电子信息',
    lng: 113.556,
    lat: 34.698,
  },
  { key: 'ls_party', parent: 'langshan', kind: 'party_working_committee', name: '狼山街道党工委', code: 'P-LS' },
  { key: 'ls_project', parent: 'ls_party', kind: 'party_committee', name: '狼山街道项目党委', code: 'P-LS-XM' },
  {
    key: 'food_branch',
    parent: 'ls_project',
    kind: 'temp_branch',
    name: '先锋食品产业园项目临时党支部',
    code: 'P-LS-FOOD',
  },
  { key: 'ts_party', parent: 'tieshan', kind: 'party_committee', name: '铁山镇党委', code: 'P-TS' },
  { key: 'chain', parent: 'gwc', kind: 'chain_committee', name: '煤焦氢产业链党委', code: 'P-CHAIN' },
  { key: 'coke_branch', parent: 'chain', kind: 'branch', name: '铁山煤焦化有限公司党支部', code: 'P-COKE' },
  {
    key: 'nonpublic',
    parent: 'gwc',
    kind: 'comprehensive_committee',
    name: '开发区非公企业综合党委',
    code: 'P-NONPUB',
  },
  { key: 'dl_party', parent: 'donglin', kind: 'party_committee', name: '东临镇党委', code: 'P-DL' },
  { key: 'dl_joint', parent: 'dl_party', kind: 'joint_branch', name: '东临项目一线联合党支部', code: 'P-DL-JOINT' },
  { key: 'station', parent: 'gwc', kind: 'guidance_station', name: '开发区党建工作指导站', code: 'P-STATION' },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  unit: string;
  role: RoleCode;
  title: string;
  phone: string;
}

/** One account per role; README lists them. Password in demo mode: Xianfeng@2026. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    unit: 'zone',
    role: 'sysadmin',
    title: '信息中心',
    phone: '13800000001',
  },
  {
    username: 'secadmin',
    displayName: '安全管理员',
    unit: 'zone',
    role: 'secadmin',
    title: '信息中心',
    phone: '13800000002',
  },
  {
    username: 'auditor',
    displayName: '审计管理员',
    unit: 'zone',
    role: 'auditor',
    title: '纪工委',
    phone: '13800000003',
  },
  {
    username: 'zzb',
    displayName: '王建国',
    unit: 'zone',
    role: 'org_dept',
    title: '党工委组织部部长',
    phone: '13800000004',
  },
  {
    username: 'lingdao',
    displayName: '刘振华',
    unit: 'zone',
    role: 'leader',
    title: '管委会副主任（包联领导）',
    phone: '13800000005',
  },
  {
    username: 'zhuanyuan',
    displayName: '张伟',
    unit: 'langshan',
    role: 'commissioner',
    title: '项目专员兼党建指导员',
    phone: '13800000006',
  },
  {
    username: 'shuji',
    displayName: '赵敏',
    unit: 'food_branch',
    role: 'secretary',
    title: '临时党支部书记',
    phone: '13800000007',
  },
  {
    username: 'bumen',
    displayName: '孙立',
    unit: 'zrzy',
    role: 'dept_handler',
    title: '自然资源局经办人',
    phone: '13800000008',
  },
  {
    username: 'qiye',
    displayName: '周婷',
    unit: 'food',
    role: 'firm_contact',
    title: '企业联络员',
    phone: '13800000009',
  },
];

export const DEMO_PASSWORD = 'Xianfeng@2026';
