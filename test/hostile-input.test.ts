import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';

/** Issue 8 §2, each cause of a 500 by name: answered 400 with a Chinese message naming the field. */
let t: TestApp;
let zzb: Agent;

beforeAll(async () => {
  t = await createTestApp();
  const { region } = await buildRegion(t.ctx);
  const u = await buildUser(t.ctx, { unitId: region.id, roles: ['org_dept'] });
  zzb = await t.login(u.username);
}, 120_000);
afterAll(async () => t?.close());

const message = (res: { json(): unknown }) => (res.json() as { code: string; message: string }).message;

describe('NUL bytes and lone surrogates', () => {
  it('are refused before login', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'a\u0000b', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(message(res)).toBe('用户名：含有不允许的字符（空字符或不完整的 Unicode 字符）');
    const sur = await t.anonymous().post('/api/auth/login', { username: 'admin', password: '\ud800' });
    expect(sur.statusCode).toBe(400);
    expect(message(sur)).toMatch(/^密码：含有不允许的字符/);
  });

  it('are refused in query strings, path parameters and nested body fields', async () => {
    const q = await zzb.get('/api/problems?q=%00');
    expect(q.statusCode).toBe(400);
    expect(message(q)).toMatch(/^关键词：含有不允许的字符/);
    const path = await zzb.get('/api/problems/%00');
    expect(path.statusCode).toBe(400);
    const nested = await zzb.post('/api/meetings', { title: '联席会议', attendees: [{ people: 'x\udc00' }] });
    expect(nested.statusCode).toBe(400);
    expect(message(nested)).toMatch(/含有不允许的字符/);
  });

  it('leave well-formed text alone (a surrogate pair is one character)', async () => {
    const res = await zzb.get(`/api/problems?q=${encodeURIComponent('工地😀')}`);
    expect(res.statusCode).toBe(200);
  });
});

describe('impossible dates', () => {
  it.each([
    ['2026-02-30', '结束日期：不是有效的日期'],
    ['0000-00-00', '结束日期：不是有效的日期'],
    ['2026-13-01', '结束日期：不是有效的日期'],
    ['2026-1-1', '结束日期：格式不正确'],
  ])('to=%s → 400 naming the field', async (to, text) => {
    const res = await zzb.get(`/api/problems?to=${to}`);
    expect(res.statusCode).toBe(400);
    expect(message(res)).toContain(text);
  });

  it('from after to → 400 on the later field', async () => {
    const res = await zzb.get('/api/problems?from=2026-11-30&to=2026-11-01');
    expect(res.statusCode).toBe(400);
    expect(message(res)).toBe('结束日期：不能早于开始日期（2026-11-30）');
    const cal = await t.anonymous().get('/api/calendar/working-days?from=2026-11-30&to=2026-11-01');
    expect(cal.statusCode).toBe(400);
  });

  it('a real leap day is accepted', async () => {
    const res = await t.anonymous().get('/api/calendar/working-days?from=2024-02-29&to=2024-03-01');
    expect(res.statusCode).toBe(200);
  });
});

describe('integers beyond int4', () => {
  it('an id above 2147483647 in a path, a filter or a body is a 400, the largest int4 a 404', async () => {
    const big = await zzb.get('/api/problems/2147483648');
    expect(big.statusCode).toBe(400);
    expect(message(big)).toBe('编号：不能大于 2147483647');
    expect((await zzb.get('/api/problems/2147483647')).statusCode).toBe(404);
    expect((await zzb.get('/api/problems?projectId=99999999999')).statusCode).toBe(400);
    expect((await zzb.get('/api/problems/-1')).statusCode).toBe(400);
    const body = await zzb.post('/api/problems/1/accept', { version: 2147483648 });
    expect(body.statusCode).toBe(400);
  });
});
