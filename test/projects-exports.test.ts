import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/client.js';
import { formatWan } from '../src/shared/format.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser, uid } from './factories.js';
import { convertWithLibreOffice } from './office.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'xf-export-'));
  a = await buildRegion(t.ctx);
  zzb = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
  const c = await buildUser(t.ctx, { unitId: a.townA.id, roles: ['commissioner'], displayName: '李专员' });
  const specs = [
    { total: 20000, annual: 6000, invest: { '2026-09': 1000, '2026-10': 1500.25 }, topped: '2026-10-09' },
    { total: 35000.5, annual: 12000, invest: { '2026-10': 2333.33 }, topped: '2026-12-20' },
    { total: 8000, annual: 3000, invest: { '2026-08': 100 }, topped: '2026-11-20' },
  ];
  for (const s of specs) {
    const p = (
      await zzb.post('/api/projects', {
        name: `导出项目${uid()}`,
        townshipUnitId: a.townA.id,
        stage: 'started',
        commissionerUserId: c.id,
        totalInvestment: s.total,
        annualPlanInvestment: s.annual,
        plannedStart: '2026-03-01',
        plannedEnd: '2027-06-30',
        nodePlans: { topped_out: s.topped },
      })
    ).json();
    for (const [m, amount] of Object.entries(s.invest))
      await zzb.put(`/api/projects/${p.id}/investments/${m}`, { amount });
  }
  const commissioner = await t.login(c.username);
  const first = (await commissioner.get('/api/dispatch?month=2026-10&mine=true')).json().data[0];
  const ok = await commissioner.post(`/api/dispatch/${first.project.id}/2026-10/confirm`, {
    remarks: '按计划推进',
    version: 0,
  });
  expect(ok.statusCode, ok.body).toBe(200);
}, 180_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describe('exports open in LibreOffice and their totals equal the data', () => {
  it('the Word dispatch report: summary table with a 合计 row, per-project sections', async () => {
    const res = await zzb.get('/api/dispatch/export?month=2026-10');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const file = join(dir, 'dispatch.docx');
    writeFileSync(file, res.rawPayload);
    const pdf = convertWithLibreOffice(file, 'pdf', dir);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = readFileSync(convertWithLibreOffice(file, 'txt:Text (encoded):UTF8', dir), 'utf8');
    const [sums] = await queryRows<{ month: number; year: number; plan: number; n: number }>(
      t.ctx.db,
      sql`select coalesce(sum(case when i.month = '2026-10' then i.amount end), 0)::float8 as month, coalesce(sum(i.amount), 0)::float8 as year,
                 (select sum(annual_plan_investment)::float8 from projects where region_unit_id = ${a.region.id}) as plan,
                 (select count(*)::int from projects where region_unit_id = ${a.region.id}) as n
          from project_investments i join projects p on p.id = i.project_id where p.region_unit_id = ${a.region.id} and i.month between '2026-01' and '2026-10'`,
    );
    expect(sums).toMatchObject({ month: 3833.58, year: 4933.58, plan: 21000, n: 3 });
    expect(text).toContain('2026年10月重点项目月调度报告');
    expect(text).toContain(
      `本月共调度项目 3 个，其中蓝色 1 个、黄色 1 个、红色 1 个；专员已确认 1 个，缺报 2 个。本月完成投资 ${formatWan(sums!.month)} 万元，年度累计完成 ${formatWan(sums!.year)} 万元，年度计划 ${formatWan(sums!.plan)} 万元。`,
    );
    const totalRow = text.slice(text.lastIndexOf('合计'), text.indexOf('二、分项目情况'));
    for (const v of ['3 个项目', formatWan(sums!.month), formatWan(sums!.year), formatWan(sums!.plan), '已确认1 缺报2'])
      expect(totalRow).toContain(v);
    expect(text).toContain('专员备注：按计划推进（李专员 于 2026-11-23 确认）');
    expect(text).toContain('调度状态：尚未确认（缺报）');
  }, 240_000);

  it('the Excel project list: exceljs reads it, the 合计 row equals the data, LibreOffice opens it', async () => {
    const res = await zzb.get('/api/projects/export?sort=code');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['序号', '项目编号', '项目名称']);
    const col = (name: string) => header.indexOf(name) + 1;
    const last = ws.getRow(ws.rowCount);
    const [db] = await queryRows<{ total: number; annual: number }>(
      t.ctx.db,
      sql`select sum(total_investment)::float8 as total, sum(annual_plan_investment)::float8 as annual from projects where region_unit_id = ${a.region.id}`,
    );
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(col('总投资（万元）')).value).toBe(db!.total);
    expect(last.getCell(col('年度计划投资（万元）')).value).toBe(db!.annual);
    expect(last.getCell(col('本年完成投资（万元）')).value).toBe(4933.58);
    expect(ws.rowCount).toBe(2 + 3 + 1);
    expect(String(ws.getRow(3).getCell(col('预警原因')).value)).toMatch(/^(红色|黄色|蓝色)：/);
    const file = join(dir, 'projects.xlsx');
    writeFileSync(file, res.rawPayload);
    const csv = readFileSync(convertWithLibreOffice(file, 'csv:Text - txt - csv (StarCalc):44,34,76', dir), 'utf8')
      .trim()
      .split('\n');
    expect(csv.at(-1)).toContain('合计');
    expect(csv.at(-1)).toContain(String(db!.total));
  }, 240_000);
});
