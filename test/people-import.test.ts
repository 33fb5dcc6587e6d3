import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { nextId, peopleWorld, upload } from './people-helpers.js';
import { IMPORT_COLUMNS } from '../src/server/modules/people/people.import.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let orgDept: Agent;
beforeAll(async () => {
  t = await createTestApp();
  w = await peopleWorld(t);
  orgDept = await t.login(w.orgDept.username);
});
afterAll(async () => t?.close());

const count = async () => {
  const r = await t.ctx.db.execute(sql`select count(*)::int as n from people`);
  return (r as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
};

async function roster(rows: Array<Record<string, string>>, title = true): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  if (title) ws.addRow(['党员名册']);
  ws.addRow([...IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(IMPORT_COLUMNS.map((c) => r[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('roster import', () => {
  it('a 5,000-row roster with exactly 20 bad rows: the report names exactly those rows and nothing is written; onlyValid imports the rest', async () => {
    const existingId = nextId();
    expect(
      (await orgDept.post('/api/people', { name: '已登记', idNumber: existingId, relationOrgUnitId: w.branchA.id }))
        .statusCode,
    ).toBe(200);
    const before = await count();
    const rows: Array<Record<string, string>> = [];
    for (let i = 0; i < 5000; i++)
      rows.push({
        姓名: `工人${i}`,
        身份证号: nextId(),
        手机号: `138${String(i).padStart(8, '0')}`,
        政治面貌: i % 3 ? '正式党员' : '群众',
        所在党组织: i % 2 ? w.branchA.name : w.branchB.name,
        工作单位: '东临建设',
        岗位: '钢筋工',
        产业工人: '是',
        人才: '否',
        专家: '',
      });
    // 20 bad rows of every kind, at spread-out positions; data row i is Excel row i + 3 (title + header)
    const bad: Array<[number, string, (r: Record<string, string>) => void]> = [
      [
        0,
        '身份证号',
        (r) => (r['身份证号'] = r['身份证号']!.slice(0, 17) + (r['身份证号']!.endsWith('0') ? '1' : '0')),
      ],
      [17, '身份证号', (r) => (r['身份证号'] = '12345')],
      [250, '姓名', (r) => (r['姓名'] = '')],
      [499, '所在党组织', (r) => (r['所在党组织'] = '不存在的支部')],
      [777, '身份证号', (r) => (r['身份证号'] = rows[776]!['身份证号']!)],
      [1000, '身份证号', (r) => (r['身份证号'] = existingId)],
      [1234, '出生日期', (r) => (r['出生日期'] = '2001-02-30')],
      [1500, '手机号', (r) => (r['手机号'] = '12345')],
      [1999, '政治面貌', (r) => (r['政治面貌'] = '党外人士')],
      [2222, '产业工人', (r) => (r['产业工人'] = '也许')],
      [2500, '身份证号', (r) => (r['身份证号'] = '11010520991231001X')],
      [2750, '所在党组织', (r) => (r['所在党组织'] = '')],
      [3000, '出生日期', (r) => (r['出生日期'] = '1970-01-01')],
      [3333, '身份证号', (r) => (r['身份证号'] = '')],
      [3500, '姓名', (r) => (r['姓名'] = '名'.repeat(40))],
      [3999, '身份证号', (r) => (r['身份证号'] = 'ABCDEFGHIJKLMNOPQR')],
      [4321, '人才', (r) => (r['人才'] = 'x')],
      [4600, '所在党组织', (r) => (r['所在党组织'] = w.townA.name)],
      [4998, '身份证号', (r) => (r['身份证号'] = rows[10]!['身份证号']!)],
      [4999, '手机号', (r) => (r['手机号'] = 'abc')],
    ];
    for (const [i, , f] of bad) f(rows[i]!);
    const file = await roster(rows);
    const res = await upload(t, orgDept, '/api/people/import', file);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ total: 5000, valid: 4980, invalidRows: 20, imported: 0 });
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual(bad.map(([i]) => i + 3));
    expect(report.errors.map((e: { column: string }) => e.column)).toEqual(bad.map(([, c]) => c));
    expect(report.errors.find((e: { row: number }) => e.row === 3).message).toBe('身份证号：校验位不正确');
    expect(report.errors.find((e: { row: number }) => e.row === 780).message).toBe('身份证号：与第779行重复');
    expect(report.errors.find((e: { row: number }) => e.row === 1003).message).toBe('身份证号：系统中已登记该身份证号');
    expect(report.errors.find((e: { row: number }) => e.row === 502).message).toBe(
      '所在党组织：“不存在的支部”不存在或不在本级管理范围',
    );
    expect(JSON.stringify(report)).not.toContain(existingId);
    expect(await count()).toBe(before);

    const partial = await upload(t, orgDept, '/api/people/import?onlyValid=true', file);
    expect(partial.json()).toMatchObject({ valid: 4980, invalidRows: 20, imported: 4980 });
    expect(await count()).toBe(before + 4980);
    const found = (await orgDept.get('/api/people?q=工人4997')).json();
    expect(found.data[0]).toMatchObject({
      name: '工人4997',
      statusLabel: '正式党员',
      isWorker: true,
      relationOrg: { id: w.branchA.id },
    });
  }, 120_000);

  it('a clean file is written in full; a non-xlsx body is refused; the template downloads', async () => {
    const file = await roster(
      [{ 姓名: '高山', 身份证号: nextId(), 所在党组织: w.branchB.name, 政治面貌: '预备党员' }],
      false,
    );
    const res = await upload(t, orgDept, '/api/people/import', file);
    expect(res.json()).toMatchObject({ total: 1, valid: 1, imported: 1, errors: [] });
    const bad = await upload(t, orgDept, '/api/people/import', Buffer.from('not a workbook'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('文件：不是有效的Excel（.xlsx）文件');
    const tpl = await orgDept.get('/api/people/import/template');
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, ...IMPORT_COLUMNS]);
    const secB = await t.login(w.secretaryB.username);
    expect((await upload(t, secB, '/api/people/import', file)).statusCode).toBe(403);
  });
});
