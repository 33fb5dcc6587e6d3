/**
 * Words for stored codes that reach the screen: where a calendar year came from, and audit entities and
 * actions in English (the server sends the Chinese label with each record). Pages never render a raw code.
 */

/** Where a calendar year was loaded from (calendar_years.source), in users' words. */
export function calendarSourceLabel(source: string): { zh: string; en: string } {
  if (source === 'chinese-days')
    return { zh: '国务院办公厅节假日安排通知（系统预置）', en: 'State Council holiday notice (built in)' };
  if (source === 'notice') return { zh: '粘贴导入的国务院办公厅通知', en: 'State Council notice, pasted in' };
  if (source === 'ui') return { zh: '手工标注', en: 'marked by hand' };
  if (source.startsWith('import:'))
    return {
      zh: `文件导入（${source.slice(7).toUpperCase()}）`,
      en: `imported file (${source.slice(7).toUpperCase()})`,
    };
  return { zh: '其他来源', en: 'other source' };
}

const AUDIT_EN: Record<string, string> = {
  // entities
  auth: 'Sign-in',
  user: 'User',
  user_roles: 'Role grant',
  user_scope: 'Data scope',
  audit: 'Audit log',
  calendar: 'Calendar',
  org_unit: 'Organisation',
  party_org: 'Party organisation',
  settings: 'Settings',
  // actions
  login: 'Signed in',
  login_failed: 'Sign-in failed',
  account_locked: 'Account locked',
  logout: 'Signed out',
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  disable: 'Disabled',
  enable: 'Enabled',
  grant: 'Granted',
  grant_scope: 'Data scope changed',
  break_glass: 'Server-side emergency access',
  chain_keyed: 'Chain keyed',
  reset_password: 'Password reset',
  change_password: 'Password changed',
  setup_password: 'Password set up',
  unlock: 'Unlocked',
  replace_year: 'Year calendar replaced',
  delete_year: 'Year calendar deleted',
  seed: 'Initial data loaded',
};

/** An audit entity or action code in English: a known word, else the code as words ("close_branch" → "Close branch"). */
export function auditCodeEn(code: string): string {
  const known = AUDIT_EN[code];
  if (known) return known;
  const words = code.replace(/[_.:-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}
