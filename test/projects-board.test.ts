import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser, uid } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof buildRegion>>;
let zzb: Agent;

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRegion(t.ctx);
  zzb = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['org_dept'] })).username);
});
afterAll(async () => t?.close());

type Board = {
  region: { id: number };
  counts: Record<string, number>;
  total: number;
  data: Array<{
    id: number;
    canOpen: boolean;
    warning: { colour: string; reasons: Array<{ text: string }> };
    nodes: Array<{ name: string; status: string }>;
  }>;
};

describe('the 公示 board', () => {
  it('401 without a session; 403 for an administrator (no business data)', async () => {
    expect((await t.anonymous().get('/api/projects/board')).statusCode).toBe(401);
    const admin = await t.login((await buildUser(t.ctx, { unitId: a.region.id, roles: ['sysadmin'] })).username);
    expect((await admin.get('/api/projects/board')).statusCode).toBe(403);
  });

  it('every business user of the region reads the whole region’s board; the detail still follows the visibility rule', async () => {
    const red = (
      await zzb.post('/api/projects', {
        name: `公示红${uid()}`,
        townshipUnitId: a.townA.id,
        stage: 'started',
        plannedStart: '2026-03-01',
        plannedEnd: '2027-06-30',
        nodePlans: { topped_out: '2026-10-09' },
      })
    ).json();
    const blue = (
      await zzb.post('/api/projects', {
        name: `公示蓝${uid()}`,
        townshipUnitId: a.townB.id,
        stage: 'signed',
        plannedStart: '2027-01-10',
      })
    ).json();
    const townB = await t.login((await buildUser(t.ctx, { unitId: a.townB.id, roles: ['secretary'] })).username);
    const board: Board = (await townB.get('/api/projects/board?pageSize=200')).json();
    expect(board.region.id).toBe(a.region.id);
    const r = board.data.find((p) => p.id === red.id);
    expect(r).toMatchObject({ canOpen: false, warning: { colour: 'red' } });
    expect(r?.warning.reasons[0]?.text).toBe('红色：节点「主体封顶」计划 2026-10-09，已逾期 32 个工作日');
    expect(r?.nodes.find((n) => n.name === '主体封顶')?.status).toBe('late');
    expect(board.data.find((p) => p.id === blue.id)).toMatchObject({ canOpen: true, warning: { colour: 'blue' } });
    expect(board.data[0]?.warning.colour).toBe('red');
    expect(board.counts.red).toBeGreaterThanOrEqual(1);
    expect(board.counts.blue).toBeGreaterThanOrEqual(1);
    expect((await townB.get(`/api/projects/${red.id}`)).statusCode).toBe(404);
    const onlyRed: Board = (await townB.get('/api/projects/board?colour=red&pageSize=200')).json();
    expect(onlyRed.data.every((p) => p.warning.colour === 'red')).toBe(true);
    expect(onlyRed.total).toBe(board.counts.red);
    // another region's users never see it
    const b = await buildRegion(t.ctx);
    const outsider = await t.login((await buildUser(t.ctx, { unitId: b.townA.id, roles: ['secretary'] })).username);
    expect(
      (await outsider.get('/api/projects/board?pageSize=200')).json().data.map((p: { id: number }) => p.id),
    ).not.toContain(red.id);
  });

  it('400 with the exact message', async () => {
    expect((await zzb.get('/api/projects/board?colour=green')).json().message).toBe(
      '预警颜色：只能是 blue / yellow / red',
    );
  });
});
