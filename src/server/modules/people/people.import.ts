import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { invalid } from '../../errors.js';
import { personEvents, people } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { buildXlsx } from '../../files/xlsx.js';
import { chinaDate, isIsoDate } from '../../../domain/dates.js';
import { checkIdNumber } from '../../../domain/id-number.js';
import { maskIdNumber, maskPhone } from '../../../shared/mask.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { partyOrgsInScope, registeredIdHashes } from './people.repository.js';
import {
  STATUS_LABELS,
  type ImportIssue,
  type ImportReport,
  type PoliticalStatus,
} from '../../../shared/api/people.js';

/** The roster columns, as the template has them (the header row is matched by these names). */
export const IMPORT_COLUMNS = [
  '姓名',
  '身份证号',
  '手机号',
  '政治面貌',
  '所在党组织',
  '工作单位',
  '岗位',
  '产业工人',
  '人才',
  '专家',
  '出生日期',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
export const IMPORT_MAX_ROWS = 20_000;

const STATUS_BY_ZH = new Map<string, PoliticalStatus>(
  Object.entries(STATUS_LABELS).map(([k, v]) => [v.zh, k as PoliticalStatus]),
);
STATUS_BY_ZH.set('中共党员', 'full');
STATUS_BY_ZH.set('党员', 'full');
const YES = new Set(['是', 'Y', 'y', '1', 'TRUE', 'true', '√']);
const NO = new Set(['', '否', 'N', 'n', '0', 'FALSE', 'false']);

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    return '';
  }
  return String(v).trim();
}

export async function importTemplate(): Promise<Buffer> {
  return buildXlsx({
    name: '党员名册',
    columns: IMPORT_COLUMNS.map((h) => ({
      header: h,
      width: h === '身份证号' || h === '所在党组织' || h === '工作单位' ? 24 : 12,
      value: (r: Record<string, string>) => r[h],
    })),
    rows: [
      {
        姓名: '张三',
        身份证号: '11010519491231002X',
        手机号: '13800138000',
        政治面貌: '正式党员',
        所在党组织: '（填写系统中的党组织全称）',
        工作单位: '',
        岗位: '',
        产业工人: '是',
        人才: '否',
        专家: '否',
        出生日期: '1949-12-31',
      },
    ],
  });
}

type Parsed = { row: number; values: typeof people.$inferInsert };
type Roster = { ws: ExcelJS.Worksheet; headerRow: number; colOf: Map<Column, number> };

/**
 * Opens a roster and finds its header: a file that is not a workbook, has no header or misses a
 * required column is refused here (400), before any row is read — and before a task is queued.
 */
export async function openRoster(file: Buffer): Promise<Roster> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw invalid({ zh: '文件：不是有效的Excel（.xlsx）文件', en: 'file: not a valid .xlsx workbook' });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw invalid({ zh: '文件：没有工作表', en: 'file: no worksheet' });
  // The header row is the first row naming 姓名 (a title row may come before it).
  let headerRow = 0;
  const colOf = new Map<Column, number>();
  for (let r = 1; r <= Math.min(5, ws.rowCount) && !headerRow; r++) {
    const row = ws.getRow(r);
    row.eachCell((c, i) => {
      const t = cellText(c.value) as Column;
      if (IMPORT_COLUMNS.includes(t)) colOf.set(t, i);
    });
    if (colOf.has('姓名')) headerRow = r;
    else colOf.clear();
  }
  if (!headerRow)
    throw invalid({
      zh: '文件：找不到表头（应含“姓名”列，请使用导入模板）',
      en: 'file: header row not found; use the template',
    });
  for (const need of ['身份证号', '所在党组织'] as const)
    if (!colOf.has(need)) throw invalid({ zh: `文件：缺少“${need}”列`, en: `file: missing column ${need}` });
  if (ws.rowCount - headerRow > IMPORT_MAX_ROWS)
    throw invalid({ zh: `文件：一次最多导入${IMPORT_MAX_ROWS}行`, en: `file: at most ${IMPORT_MAX_ROWS} rows` });
  return { ws, headerRow, colOf };
}

/** Rows read between two progress reports of a roster import run as a task. */
export const IMPORT_PROGRESS_EVERY = 200;

/**
 * 党员名册 import: every row checked (which row, which column, why); nothing written while any row is
 * wrong unless `onlyValid`, then only the valid rows, all in one transaction with one audit row.
 * `onProgress` hears rows read / data rows in the sheet every IMPORT_PROGRESS_EVERY rows (a task's
 * progress bar); the same report comes back with or without it.
 */
export async function importPeople(
  ctx: AppContext,
  actor: Actor,
  file: Buffer,
  onlyValid: boolean,
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<ImportReport> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const { ws, headerRow, colOf } = await openRoster(file);
  const sheetRows = Math.max(0, ws.rowCount - headerRow);
  await onProgress?.(0, sheetRows);

  const orgs = await partyOrgsInScope(ctx.db, actor);
  const orgByName = new Map<string, (typeof orgs)[number] | null>();
  for (const o of orgs) orgByName.set(o.name, orgByName.has(o.name) ? null : o);

  const errors: ImportIssue[] = [];
  const parsed: Parsed[] = [];
  const badRows = new Set<number>();
  const seenHash = new Map<string, number>();
  let total = 0;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    if (onProgress && (r - headerRow) % IMPORT_PROGRESS_EVERY === 0) await onProgress(r - headerRow, sheetRows);
    const row = ws.getRow(r);
    const get = (c: Column) => (colOf.has(c) ? cellText(row.getCell(colOf.get(c) as number).value) : '');
    if (IMPORT_COLUMNS.every((c) => get(c) === '')) continue;
    total++;
    const issue = (column: Column, message: string) => {
      errors.push({ row: r, column, message: `${column}：${message}` });
      badRows.add(r);
    };
    const name = get('姓名');
    if (!name) issue('姓名', '必填');
    else if (name.length > 32) issue('姓名', '不能超过32个字');
    const id = checkIdNumber(get('身份证号'), today);
    let idHash: string | null = null;
    if (!id.ok) issue('身份证号', id.reason.zh);
    else {
      idHash = ctx.cipher.blindIndex(id.value);
      const first = seenHash.get(idHash);
      if (first) issue('身份证号', `与第${first}行重复`);
      else seenHash.set(idHash, r);
    }
    const phone = get('手机号');
    if (phone && !/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(phone)) issue('手机号', '格式不正确');
    const statusText = get('政治面貌');
    const status = statusText ? STATUS_BY_ZH.get(statusText) : 'masses';
    if (!status) issue('政治面貌', `无法识别“${statusText}”`);
    const orgName = get('所在党组织');
    const org = orgName ? orgByName.get(orgName) : undefined;
    if (!orgName) issue('所在党组织', '必填');
    else if (org === null) issue('所在党组织', `“${orgName}”有重名，请联系组织部门`);
    else if (!org) issue('所在党组织', `“${orgName}”不存在或不在本级管理范围`);
    const flags: Record<'产业工人' | '人才' | '专家', boolean> = { 产业工人: false, 人才: false, 专家: false };
    for (const f of ['产业工人', '人才', '专家'] as const) {
      const v = get(f);
      if (YES.has(v)) flags[f] = true;
      else if (!NO.has(v)) issue(f, '应填“是”或“否”');
    }
    const birth = get('出生日期')
      .replace(/[./年月]/g, '-')
      .replace(/日$/, '');
    if (birth && !isIsoDate(birth)) issue('出生日期', `日期无效“${get('出生日期')}”`);
    else if (birth && id.ok && birth !== id.birthDate) issue('出生日期', '与身份证号中的出生日期不一致');
    const job = get('岗位');
    const employer = get('工作单位');
    if (badRows.has(r) || !id.ok || !org || !status) continue;
    parsed.push({
      row: r,
      values: {
        name,
        pinyin: pinyinKey(name),
        gender: id.gender,
        birthDate: id.birthDate,
        idEnc: ctx.cipher.encrypt(id.value),
        idHash,
        idMasked: maskIdNumber(id.value),
        phoneEnc: phone ? ctx.cipher.encrypt(phone) : null,
        phoneHash: phone ? ctx.cipher.blindIndex(phone) : null,
        phoneMasked: phone ? maskPhone(phone) : null,
        politicalStatus: status,
        relationOrgUnitId: org.id,
        orgPath: org.path,
        employerName: employer || null,
        job: job || null,
        isWorker: flags['产业工人'],
        isTalent: flags['人才'],
        isExpert: flags['专家'],
        createdAt: now,
        updatedAt: now,
      },
    });
  }
  // Already registered: looked up by blind index in chunks.
  const hashes = parsed.map((p) => p.values.idHash as string);
  const existing = await registeredIdHashes(ctx.db, hashes);
  const valid = parsed.filter((p) => {
    if (!existing.has(p.values.idHash as string)) return true;
    errors.push({ row: p.row, column: '身份证号', message: '身份证号：系统中已登记该身份证号' });
    badRows.add(p.row);
    return false;
  });
  errors.sort(
    (a, b) => a.row - b.row || IMPORT_COLUMNS.indexOf(a.column as Column) - IMPORT_COLUMNS.indexOf(b.column as Column),
  );
  const report: ImportReport = { total, valid: valid.length, invalidRows: badRows.size, imported: 0, errors };
  if (valid.length === 0 || (badRows.size > 0 && !onlyValid)) {
    await onProgress?.(sheetRows, sheetRows);
    return report;
  }
  await ctx.db.transaction(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < valid.length; i += 500) {
      const batch = valid.slice(i, i + 500);
      const inserted = await tx
        .insert(people)
        .values(batch.map((p) => p.values))
        .returning({ id: people.id });
      ids.push(...inserted.map((x) => x.id));
      await tx.insert(personEvents).values(
        inserted.map((x) => ({
          personId: x.id,
          kind: 'registered',
          on: today,
          text: { zh: '由名册导入登记', en: 'Registered by roster import' },
          byUserId: actor.userId,
          at: now,
        })),
      );
    }
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'person',
        entityId: null,
        action: 'import',
        after: { imported: ids.length, skippedRows: badRows.size, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null },
      },
      now,
    );
  });
  report.imported = valid.length;
  await onProgress?.(sheetRows, sheetRows);
  return report;
}
