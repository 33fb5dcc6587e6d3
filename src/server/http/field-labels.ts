import type { LocalText } from '../errors.js';

/**
 * Chinese names of request fields, so a validation message reads "密码：至少需要 8 个字符" instead of
 * "password: too small". Modules add their fields with `registerFieldLabels`.
 */
const LABELS = new Map<string, LocalText>();

export function registerFieldLabels(labels: Record<string, LocalText | string>): void {
  for (const [key, v] of Object.entries(labels)) LABELS.set(key, typeof v === 'string' ? { zh: v, en: key } : v);
}

export function fieldLabel(path: ReadonlyArray<PropertyKey>): LocalText {
  const key = path.filter((p) => typeof p === 'string').join('.');
  const last = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
  const hit = LABELS.get(key) ?? (last ? LABELS.get(last) : undefined);
  const raw = path.map(String).join('.') || '(body)';
  return hit ? { zh: hit.zh, en: raw } : { zh: raw, en: raw };
}

registerFieldLabels({
  username: '用户名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  displayName: '姓名',
  scopeUnitId: '所属单位',
  phone: '手机号',
  title: '职务',
  roles: '角色',
  role: '角色',
  page: '页码',
  pageSize: '每页条数',
  from: '开始日期',
  to: '结束日期',
  date: '日期',
  days: '天数',
  year: '年份',
  kind: '类型',
  name: '名称',
  q: '关键词',
  setupToken: '初始化口令',
});
