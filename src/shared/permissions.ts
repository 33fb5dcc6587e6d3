/**
 * Permissions are granted through roles (src/shared/roles.ts); each module's policy file decides
 * which permission an action needs. Shared with the web app so menus follow the same rules.
 */
export const PERMISSIONS = [
  // 系统管理员 (system administrator): users and configuration, no business data
  'users.read',
  'users.write',
  'settings.write',
  'calendar.write',
  'backups.manage', // 数据备份: list backups and start one
  'orgs.pick',
  // 安全管理员 (security administrator): roles and grants
  'roles.read',
  'roles.grant',
  // 审计管理员 (audit administrator): the audit log only
  'audit.read',
  // business
  'orgs.read',
  'orgs.write',
  // 问题台账 (企业吹哨、党委响应、部门报到)
  'problems.read',
  'problems.raise',
  'problems.triage',
  'problems.handle',
  'problems.rate',
  'problems.stats',
  'problems.config',
  'meetings.read',
  'meetings.write',
  // projects (项目): registry, nodes, warnings, board, approvals and the cadence
  'projects.read',
  'projects.board',
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
  // 党员 and 组织: people, pipeline, transfers, coverage (issue 5)
  'people.read',
  'people.write',
  'people.reveal', // 查看: may reveal one person's full ID number or phone, with a reason (audited)
  'people.import',
  'people.export',
  'transfers.manage',
  'coverage.read',
  'coverage.decide',
] as const;

export type Permission = (typeof PERMISSIONS)[number];
