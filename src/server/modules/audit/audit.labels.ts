/** Chinese names of audited entities and actions, so the log reads as sentences in the UI and export. */
export const ENTITY_ZH: Record<string, string> = {
  auth: '登录',
  user: '用户',
  user_roles: '角色授权',
  user_scope: '数据范围授权',
  audit: '审计日志',
  calendar: '工作日历',
  org_unit: '组织',
  settings: '系统设置',
};

export const ACTION_ZH: Record<string, string> = {
  login: '登录成功',
  login_failed: '登录失败',
  account_locked: '账号锁定',
  logout: '退出登录',
  create: '新建',
  update: '修改',
  delete: '删除',
  disable: '停用',
  enable: '启用',
  grant: '授权',
  grant_scope: '调整数据范围',
  break_glass: '服务器端应急处置',
  chain_keyed: '哈希链启用密钥',
  reset_password: '重置密码',
  change_password: '修改密码',
  setup_password: '初始化密码',
  unlock: '解除锁定',
  replace_year: '更新年度日历',
  delete_year: '删除年度日历',
  seed: '初始化数据',
};

export function registerAuditLabels(entities: Record<string, string>, actions: Record<string, string>): void {
  Object.assign(ENTITY_ZH, entities);
  Object.assign(ACTION_ZH, actions);
}
