import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { buildXlsx } from '../../files/xlsx.js';
import { listUsers, type UserFilter } from './user.repository.js';
import { presentUser } from './user.presenter.js';
import { formatDateTimeChina } from '../../../shared/format.js';

const STATUS_ZH = { active: '正常', disabled: '已停用', locked: '已锁定' } as const;
const MAX_ROWS = 50_000;

/** The user list as .xlsx with the same filters as the page; phones masked. */
export async function exportUsers(
  ctx: AppContext,
  actor: Actor,
  f: Omit<UserFilter, 'page' | 'pageSize'>,
): Promise<Buffer> {
  const now = ctx.clock.now();
  const { rows } = await listUsers(ctx.db, actor, { ...f, page: 1, pageSize: MAX_ROWS }, now);
  const views = rows.map((u) => presentUser(u, ctx.cipher, now));
  return buildXlsx({
    name: '用户',
    title: `用户列表（导出时间 ${now.toISOString().slice(0, 10)}）`,
    rows: views,
    columns: [
      { header: '序号', width: 6, value: (_u, i) => i + 1 },
      { header: '用户名', width: 14, value: (u) => u.username },
      { header: '姓名', width: 12, value: (u) => u.displayName },
      { header: '所属单位', width: 24, value: (u) => u.scopeUnit.name },
      { header: '职务', width: 16, value: (u) => u.title },
      { header: '手机号', width: 14, value: (u) => u.phone },
      { header: '角色', width: 28, value: (u) => u.roles.map((r) => r.zh).join('、') },
      { header: '状态', width: 8, value: (u) => STATUS_ZH[u.status] },
      { header: '最近登录', width: 18, value: (u) => formatDateTimeChina(u.lastLoginAt) },
    ],
  });
}
