import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { nextId, peopleWorld } from './people-helpers.js';
import { expireTransfers } from '../src/server/modules/people/transfer.service.js';
import { and, eq } from 'drizzle-orm';
import { notifications } from '../src/server/db/schema/index.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let orgDept: Agent;
let secA: Agent;
let secB: Agent;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-23T02:00:00Z');
  w = await peopleWorld(t);
  orgDept = await t.login(w.orgDept.username);
  secA = await t.login(w.secretaryA.username);
  secB = await t.login(w.secretaryB.username);
});
afterAll(async () => t?.close());

async function member(name: string) {
  const res = await secA.post('/api/people', {
    name,
    idNumber: nextId(),
    politicalStatus: 'full',
    relationOrgUnitId: w.branchA.id,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { id: number };
}

describe('relation transfers', () => {
  it('issue → receive: the relation moves only on receipt; both sides see the transfer; a second open transfer is refused', async () => {
    const p = await member('杨帆');
    const issued = await secA.post('/api/people/transfers', {
      personId: p.id,
      toOrgUnitId: w.branchB.id,
      letterNo: '组转〔2026〕1号',
    });
    expect(issued.statusCode).toBe(200);
    const tid = issued.json().id;
    const told = async (userId: number) =>
      (
        await t.ctx.db
          .select()
          .from(notifications)
          .where(
            and(
              eq(notifications.userId, userId),
              eq(notifications.kind, 'transfer_issued'),
              eq(notifications.entityId, String(tid)),
            ),
          )
      ).length;
    expect(await told(w.secretaryB.id)).toBe(1);
    expect(await told(w.orgDept.id)).toBe(1);
    expect(await told(w.secretaryA.id)).toBe(0);
    const again = await secA.post('/api/people/transfers', { personId: p.id, toOrgUnitId: w.branchB.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该人员已有未办结的组织关系转接');
    // before receipt the person is still A's
    expect((await secA.get(`/api/people/${p.id}`)).json().relationOrg.id).toBe(w.branchA.id);
    expect((await secB.get(`/api/people/${p.id}`)).statusCode).toBe(404);
    const inB = (await secB.get('/api/people/transfers?direction=in')).json();
    expect(inB.data).toHaveLength(1);
    expect(inB.data[0]).toMatchObject({
      id: tid,
      status: 'issued',
      statusLabel: '已开具',
      validUntil: '2027-02-21',
      canReceive: true,
      canRevoke: false,
    });
    const outA = (await secA.get('/api/people/transfers?direction=out')).json();
    expect(outA.data[0]).toMatchObject({ id: tid, canReceive: false, canRevoke: true });
    // the issuing side cannot receive its own letter
    expect((await secA.post(`/api/people/transfers/${tid}/receive`, { version: 0 })).statusCode).toBe(404);
    const received = await secB.post(`/api/people/transfers/${tid}/receive`, { version: 0 });
    expect(received.statusCode).toBe(200);
    const now = (await secB.get(`/api/people/${p.id}`)).json();
    expect(now.relationOrg.id).toBe(w.branchB.id);
    expect(now.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'registered',
      'transfer_issued',
      'transfer_received',
    ]);
    expect((await secA.get(`/api/people/${p.id}`)).statusCode).toBe(404);
    expect(
      (await orgDept.get(`/api/people?orgId=${w.townB.id}&q=yf`)).json().data.map((x: { id: number }) => x.id),
    ).toEqual([p.id]);
    // both sides still see the finished transfer
    expect((await secA.get('/api/people/transfers')).json().data[0]).toMatchObject({ id: tid, status: 'received' });
    expect((await secB.post(`/api/people/transfers/${tid}/receive`, { version: 1 })).statusCode).toBe(409);
  });

  it('reject needs a reason; revoke by the issuing side; then a new letter may be issued', async () => {
    const p = await member('林青');
    const t1 = (await secA.post('/api/people/transfers', { personId: p.id, toOrgUnitId: w.branchB.id })).json().id;
    expect((await secB.post(`/api/people/transfers/${t1}/reject`, { version: 0 })).statusCode).toBe(400);
    const rej = await secB.post(`/api/people/transfers/${t1}/reject`, { version: 0, reason: '介绍信抬头有误' });
    expect(rej.statusCode).toBe(200);
    const t2 = (await secA.post('/api/people/transfers', { personId: p.id, toOrgUnitId: w.branchB.id })).json().id;
    expect((await secB.post(`/api/people/transfers/${t2}/revoke`, { version: 0 })).statusCode).toBe(404);
    expect((await secA.post(`/api/people/transfers/${t2}/revoke`, { version: 0 })).statusCode).toBe(200);
    const d = (await secA.get(`/api/people/${p.id}`)).json();
    expect(d.relationOrg.id).toBe(w.branchA.id);
    expect(d.transfers.map((x: { status: string }) => x.status)).toEqual(['revoked', 'rejected']);
  });

  it('a letter past 90 days is 超期: read as expired at once, refused on receipt, written down by the job', async () => {
    const p = await member('邓超');
    const tid = (
      await secA.post('/api/people/transfers', { personId: p.id, toOrgUnitId: w.branchB.id, issuedOn: '2026-08-01' })
    ).json().id;
    expect(
      (await secB.get('/api/people/transfers?status=issued')).json().data.map((x: { id: number }) => x.id),
    ).not.toContain(tid);
    const item = (await secB.get('/api/people/transfers?status=expired'))
      .json()
      .data.find((x: { id: number }) => x.id === tid);
    expect(item).toMatchObject({ status: 'expired', validUntil: '2026-10-30', canReceive: false });
    const late = await secB.post(`/api/people/transfers/${tid}/receive`, { version: 0 });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe('介绍信已于2026-10-30超期，请重新开具');
    expect((await secA.get(`/api/people/${p.id}`)).json().relationOrg.id).toBe(w.branchA.id);
    expect(await expireTransfers(t.ctx)).toBe(0); // already written down by the refused receipt
    const t2 = (await secA.post('/api/people/transfers', { personId: p.id, toOrgUnitId: w.branchB.id })).json().id;
    t.clock.set('2027-03-01T02:00:00Z');
    expect(await expireTransfers(t.ctx)).toBe(1);
    expect(await expireTransfers(t.ctx)).toBe(0);
    t.clock.set('2026-11-23T02:00:00Z'); // back before the letter's end: the stored status says 超期 now
    const d = (await secA.get(`/api/people/${p.id}`)).json();
    expect(d.transfers.find((x: { id: number }) => x.id === t2).status).toBe('expired');
    expect(d.timeline.filter((e: { kind: string }) => e.kind === 'transfer_expired')).toHaveLength(2);
  });
});
