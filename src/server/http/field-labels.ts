import type { LocalText } from '../errors.js';

/**
 * Chinese names of request fields, so a validation message reads "密码：至少需要 8 个字符" instead of
 * "password: too small". Modules add their fields with `registerFieldLabels`.
 */
const LABELS = new Map<string, LocalText>();

/** Labels that hold only under a URL prefix ("/api/people": name → 姓名), longest prefix first. */
const SCOPED: Array<{ prefix: string; labels: Map<string, LocalText> }> = [];

/**
 * Adds field names. With `urlPrefix`, they apply only to requests under that prefix, so one module's
 * `name` (姓名) never renames another's (项目名称); without it they are the defaults for every route.
 */
export function registerFieldLabels(labels: Record<string, LocalText | string>, urlPrefix?: string): void {
  let target = LABELS;
  if (urlPrefix) {
    let scope = SCOPED.find((x) => x.prefix === urlPrefix);
    if (!scope) {
      scope = { prefix: urlPrefix, labels: new Map() };
      SCOPED.push(scope);
      SCOPED.sort((a, b) => b.prefix.length - a.prefix.length);
    }
    target = scope.labels;
  }
  for (const [key, v] of Object.entries(labels)) target.set(key, typeof v === 'string' ? { zh: v, en: key } : v);
}

function lookup(map: Map<string, LocalText>, key: string, last: string | undefined): LocalText | undefined {
  return map.get(key) ?? (last ? map.get(last) : undefined);
}

export function fieldLabel(path: ReadonlyArray<PropertyKey>, url = ''): LocalText {
  const key = path.filter((p) => typeof p === 'string').join('.');
  const last = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
  const scoped = SCOPED.filter(
    (x) => url === x.prefix || url.startsWith(`${x.prefix}/`) || url.startsWith(`${x.prefix}?`),
  );
  let hit: LocalText | undefined;
  for (const x of scoped) if ((hit = lookup(x.labels, key, last))) break;
  hit ??= lookup(LABELS, key, last);
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
  id: '编号',
});
