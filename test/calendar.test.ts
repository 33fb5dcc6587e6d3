import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDays } from '../src/server/db/schema/index.js';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp, type Agent } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';
import { OFFICIAL_2026 } from './fixtures/official-2026.js';

let t: TestApp;
let sys: Agent;
let leader: Agent;

beforeAll(async () => {
  t = await createTestApp();
  const r = await buildRegion(t.ctx);
  sys = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['sysadmin'] })).username);
  leader = await t.login((await buildUser(t.ctx, { unitId: r.region.id, roles: ['leader'] })).username);
});
afterAll(async () => t?.close());

describe('working-day calendar over HTTP', () => {
  it('the seeded 2026 table is exactly the official notice', async () => {
    const rows = await t.ctx.db.select().from(calendarDays).where(eq(calendarDays.year, 2026));
    const seeded = rows.map((r) => `${r.day} ${r.kind}`).sort();
    expect(seeded).toEqual(OFFICIAL_2026.map((d) => `${d.date} ${d.kind}`).sort());
  });

  it.each([
    ['2026-10-01', '2026-10-31', 18],
    ['2026-01-01', '2026-12-31', 248],
    ['2026-02-01', '2026-02-28', 16],
    ['2026-09-28', '2026-10-10', 6],
  ])('working days %s … %s = %i', async (from, to, count) => {
    const res = await t.anonymous().get(`/api/calendar/working-days?from=${from}&to=${to}`);
    expect(res.json()).toEqual({ count, provisionalYear: null });
  });

  it.each([
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-29', 4, '2026-10-10'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
  ])('add %s + %i = %s', async (date, days, expected) => {
    expect((await t.anonymous().get(`/api/calendar/add-working-days?date=${date}&days=${days}`)).json()).toEqual({
      date: expected,
      provisionalYear: null,
    });
  });

  it('a 2027 question without 2027 data is counted on weekends only and marked provisional (2027)', async () => {
    const res = await t.anonymous().get('/api/calendar/working-days?from=2026-12-01&to=2027-01-31');
    // 23 weekdays in December 2026, 21 in January 2027 (1 January counted: no 2027 schedule yet)
    expect(res.json()).toEqual({ count: 44, provisionalYear: 2027 });
  });

  it('400 for impossible dates and reversed ranges', async () => {
    expect((await t.anonymous().get('/api/calendar/working-days?from=2026-02-30&to=2026-03-01')).json().message).toBe(
      '开始日期：不是有效的日期（应为 1900—2100 年间真实存在的一天）',
    );
    expect((await t.anonymous().get('/api/calendar/working-days?from=2026-03-05&to=2026-03-01')).json().message).toBe(
      '结束日期：不能早于开始日期（2026-03-05）',
    );
    expect((await t.anonymous().get('/api/calendar/add-working-days?date=2026-03-01')).json().message).toBe(
      '天数：必填',
    );
  });

  it('only the system administrator loads a year; a bad file changes nothing', async () => {
    const csv = 'date,kind,name\n2027-01-01,休,元旦\n2027-01-02,休,元旦\n2027-01-03,休,元旦\n2027-01-04,班,元旦\n';
    expect((await leader.post('/api/calendar/import', { format: 'csv', content: csv })).statusCode).toBe(403);
    const bad = await sys.post('/api/calendar/import', { format: 'csv', content: `${csv}2027-01-06,班,元旦\n` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe(
      '日历数据有 2 处问题：#4 2027-01-04 调休上班日应为周六或周日；#5 2027-01-06 调休上班日应为周六或周日',
    );
    expect((await t.anonymous().get('/api/calendar/years/2027')).statusCode).toBe(404);

    const good =
      'date,kind,name\n2027-01-01,休,元旦\n2027-01-02,休,元旦\n2027-01-03,休,元旦\n2027-02-06,休,春节\n2027-02-07,班,春节\n';
    const res = await sys.post('/api/calendar/import', { format: 'csv', content: good });
    expect(res.json()).toEqual({ ok: true, year: 2027, days: 5 });
    // each year counts its own days (not every loaded year's)
    const listed = (await t.anonymous().get('/api/calendar/years')).json().data as Array<{ year: number }>;
    expect(listed.find((y) => y.year === 2027)).toMatchObject({ holidays: 4, workdays: 1 });
    // 31 Dec, then 4–8 Jan (1–3 Jan are 元旦)
    expect((await t.anonymous().get('/api/calendar/working-days?from=2026-12-31&to=2027-01-08')).json()).toEqual({
      count: 6,
      provisionalYear: null,
    });
    expect((await t.anonymous().get('/api/calendar/add-working-days?date=2027-02-05&days=1')).json()).toEqual({
      date: '2027-02-07',
      provisionalYear: null,
    });
  });

  it('edits a year in place and removes one, both audited', async () => {
    const days = OFFICIAL_2026.filter((d) => d.date !== '2026-10-10');
    expect((await sys.put('/api/calendar/years/2026', { days })).statusCode).toBe(200);
    expect((await t.anonymous().get('/api/calendar/working-days?from=2026-10-10&to=2026-10-10')).json()).toEqual({
      count: 0,
      provisionalYear: null,
    });
    expect((await sys.put('/api/calendar/years/2026', { days: OFFICIAL_2026 })).statusCode).toBe(200);
    expect((await t.anonymous().get('/api/calendar/working-days?from=2026-10-10&to=2026-10-10')).json()).toEqual({
      count: 1,
      provisionalYear: null,
    });
    expect((await sys.delete('/api/calendar/years/2024')).statusCode).toBe(200);
    expect((await t.anonymous().get('/api/calendar/working-days?from=2024-05-01&to=2024-05-02')).json()).toEqual({
      count: 2,
      provisionalYear: 2024,
    });
    const years = (await t.anonymous().get('/api/calendar/years')).json().data.map((y: { year: number }) => y.year);
    expect(years).toEqual([2025, 2026, 2027]);
  });
});
