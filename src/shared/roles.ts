import type { Permission } from './permissions.js';

/** 三员: the three administrator roles of 等保 2.0; no user holds two of them, nor one with a business role. */
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
export const BUSINESS_ROLES = [
  'org_dept',
  'leader',
  'commissioner',
  'secretary',
  'dept_handler',
  'firm_contact',
] as const;

export type AdminRole = (typeof ADMIN_ROLES)[number];
export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export type RoleCode = AdminRole | BusinessRole;
export const ROLE_CODES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as [RoleCode, ...RoleCode[]];

export interface RoleDefinition {
  code: RoleCode;
  kind: 'admin' | 'business';
  zh: string;
  en: string;
  descriptionZh: string;
  descriptionEn: string;
  permissions: readonly Permission[];
}

const BUSINESS_BASE: readonly Permission[] = ['orgs.read'];
/** Every business user reads the projects in their scope and the region's 公示 board. */
const PROJECT_BASE: readonly Permission[] = ['projects.read', 'projects.board'];
const PROJECT_ALL: readonly Permission[] = [
  ...PROJECT_BASE,
  'projects.write',
  'projects.progress',
  'projects.rules',
  'approvals.handle',
  'dispatch.confirm',
  'dispatch.manage',
  'supervision.read',
  'supervision.write',
  'observation.read',
  'observation.write',
];

export const ROLES: Record<RoleCode, RoleDefinition> = {
  sysadmin: {
    code: 'sysadmin',
    kind: 'admin',
    zh: '系统管理员',
    en: 'System administrator',
    descriptionZh: '管理用户账号和系统配置（含工作日历、数据备份），不接触业务数据',
    descriptionEn:
      'Manages user accounts and system settings (incl. the working-day calendar and backups); no access to business data',
    permissions: ['users.read', 'users.write', 'settings.write', 'calendar.write', 'backups.manage', 'orgs.pick'],
  },
  secadmin: {
    code: 'secadmin',
    kind: 'admin',
    zh: '安全管理员',
    en: 'Security administrator',
    descriptionZh: '管理角色与授权',
    descriptionEn: 'Manages roles and grants',
    permissions: ['roles.read', 'roles.grant', 'users.read', 'orgs.pick'],
  },
  auditor: {
    code: 'auditor',
    kind: 'admin',
    zh: '审计管理员',
    en: 'Audit administrator',
    descriptionZh: '只查阅审计日志',
    descriptionEn: 'Reads the audit log only',
    permissions: ['audit.read'],
  },
  org_dept: {
    code: 'org_dept',
    kind: 'business',
    zh: '组织部（党工委）',
    en: 'Organisation department',
    descriptionZh: '负责全区域的组织架构、项目、规则、考评与看板',
    descriptionEn: 'Runs the region’s organisation tree, projects, rules, assessments and dashboards',
    permissions: [
      ...BUSINESS_BASE,
      'orgs.write',
      'problems.read',
      'problems.raise',
      'problems.triage',
      'problems.stats',
      'problems.config',
      'meetings.read',
      'meetings.write',
      ...PROJECT_ALL,
      'people.read',
      'people.write',
      'people.reveal',
      'people.import',
      'people.export',
      'transfers.manage',
      'coverage.read',
      'coverage.decide',
    ],
  },
  leader: {
    code: 'leader',
    kind: 'business',
    zh: '包联领导',
    en: 'Leader in charge',
    descriptionZh: '查看所包联项目与预警',
    descriptionEn: 'Sees the projects they are responsible for and their warnings',
    permissions: [
      ...BUSINESS_BASE,
      'problems.read',
      'problems.stats',
      'meetings.read',
      ...PROJECT_BASE,
      'supervision.read',
      'observation.read',
      'people.read',
      'coverage.read',
    ],
  },
  commissioner: {
    code: 'commissioner',
    kind: 'business',
    zh: '项目专员（党建指导员）',
    en: 'Project commissioner',
    descriptionZh: '双员制：项目专员兼党建指导员，报进度、记问题、指导建支部',
    descriptionEn:
      'Dual role: project commissioner and party-building instructor; reports progress, logs problems, guides branch set-up',
    permissions: [
      ...BUSINESS_BASE,
      'problems.read',
      'problems.raise',
      'problems.triage',
      'problems.rate',
      'problems.stats',
      'meetings.read',
      'meetings.write',
      ...PROJECT_BASE,
      'projects.progress',
      'dispatch.confirm',
      'people.read',
      'people.write',
      'coverage.read',
    ],
  },
  secretary: {
    code: 'secretary',
    kind: 'business',
    zh: '支部书记',
    en: 'Branch secretary',
    descriptionZh: '管理本支部的党员、组织生活',
    descriptionEn: 'Manages the branch’s members and branch life',
    permissions: [
      ...BUSINESS_BASE,
      'problems.read',
      ...PROJECT_BASE,
      'people.read',
      'people.write',
      'people.reveal',
      'people.export',
      'transfers.manage',
    ],
  },
  dept_handler: {
    code: 'dept_handler',
    kind: 'business',
    zh: '部门经办人',
    en: 'Department handler',
    descriptionZh: '职能部门签收、办理、答复问题，办理审批验收',
    descriptionEn: 'Functional department: signs for, handles and answers problems; handles approvals and acceptance',
    permissions: [...BUSINESS_BASE, 'problems.read', 'problems.handle', ...PROJECT_BASE, 'approvals.handle'],
  },
  firm_contact: {
    code: 'firm_contact',
    kind: 'business',
    zh: '企业联系人',
    en: 'Firm contact',
    descriptionZh: '企业吹哨：提出问题、查看答复、评价；查看本企业项目与办事清单（一单早告知）',
    descriptionEn:
      'The firm raises problems, reads and rates the answers; sees its projects and the list of what approvals need',
    permissions: ['problems.read', 'problems.raise', 'problems.rate', ...PROJECT_BASE],
  },
};

export function permissionsOf(roles: readonly RoleCode[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLES[r].permissions) out.add(p);
  return out;
}

export function isAdminRole(role: RoleCode): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}
