import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { buildXlsx } from '../../files/xlsx.js';
import { chinaDate } from '../../../domain/dates.js';
import { listPeople } from './people.repository.js';
import { presentPerson } from './people.presenter.js';
import { auditPeopleExport } from './people.privacy.js';
import type { PeopleFilter } from '../../../shared/api/people.js';

export const EXPORT_MAX_ROWS = 50_000;
const yn = (b: boolean) => (b ? '是' : '');

/**
 * 党员台账 as Excel: the list's filters, in the list's order. ID numbers and phones are always
 * masked in a file that leaves the system, whoever exports it (there is no full-value export), and
 * every export is audited with its filters and row count.
 */
export async function exportPeople(
  ctx: AppContext,
  actor: Actor,
  f: Omit<PeopleFilter, 'page' | 'pageSize'>,
): Promise<Buffer> {
  const today = chinaDate(ctx.clock.now());
  const { rows } = await listPeople(ctx.db, actor, { ...f, page: 1, pageSize: EXPORT_MAX_ROWS }, ctx.cipher, {
    count: false,
  });
  const o = { lang: actor.lang, today };
  const items = rows.map((r) => presentPerson(r, o));
  await auditPeopleExport(ctx, actor, f, items.length);
  return buildXlsx({
    name: '党员台账',
    title: `党员台账（${today}）`,
    columns: [
      { header: '序号', width: 6, value: (_r, i) => i + 1 },
      { header: '姓名', value: (r) => r.name },
      { header: '性别', width: 6, value: (r) => (r.gender === 'male' ? '男' : r.gender === 'female' ? '女' : '') },
      { header: '出生日期', width: 12, value: (r) => r.birthDate },
      { header: '身份证号', width: 22, value: (r) => r.idNumber },
      { header: '手机号', width: 14, value: (r) => r.phone },
      { header: '政治面貌', width: 12, value: (r) => r.statusLabel },
      { header: '所在党组织', width: 24, value: (r) => r.relationOrg?.name },
      { header: '工作单位', width: 24, value: (r) => r.employerName },
      { header: '岗位', value: (r) => r.job },
      { header: '产业工人', width: 8, value: (r) => yn(r.isWorker) },
      { header: '人才', width: 6, value: (r) => yn(r.isTalent) },
      { header: '专家', width: 6, value: (r) => yn(r.isExpert) },
      { header: '流动情况', width: 10, value: (r) => (r.flow === 'out' ? '流出' : r.flow === 'in' ? '流入' : '') },
      { header: '流动提示', width: 30, value: (r) => r.flowWarning?.text },
    ],
    rows: items,
  });
}
