import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { inject } from 'vitest';
import { problemEvents, problems } from '../src/server/db/schema/index.js';
import { createTestApp, type TestApp } from './test-app.js';
import {
  buildProblemWorld,
  LONG_SESSIONS,
  ok,
  raiseAndDispatch,
  type Detail,
  type ProblemWorld,
} from './problem-factories.js';

let t: TestApp;
let w: ProblemWorld;

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
});
afterAll(async () => t?.close());

async function history(id: number) {
  return t.ctx.db.select().from(problemEvents).where(eq(problemEvents.problemId, id)).orderBy(asc(problemEvents.seq));
}

describe(`concurrency (${inject('dbMode')})`, () => {
  it('two departments signing the same problem at once: both succeed, one after the other; the same department twice: one 409', async () => {
    const p = await raiseAndDispatch(w, { co: [w.deptB.id] });
    const [ra, rb] = await Promise.all([
      w.as.a.post(`/api/problems/${p.id}/sign`, { version: p.version }),
      w.as.b.post(`/api/problems/${p.id}/sign`, { version: p.version }),
    ]);
    expect([ra.statusCode, rb.statusCode], `${ra.body} ${rb.body}`).toEqual([200, 200]);
    const events = await history(p.id);
    expect(events.map((e) => e.type)).toEqual(['raised', 'accepted', 'dispatched', 'signed', 'signed']);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const [row] = await t.ctx.db.select().from(problems).where(eq(problems.id, p.id));
    expect(row).toMatchObject({ version: p.version + 2, eventCount: 5 });
    const detail = await ok<Detail>(w.as.a.get(`/api/problems/${p.id}`));
    expect(detail.assignments.every((a) => a.status === 'in_hand')).toBe(true);

    const q = await raiseAndDispatch(w);
    const twice = await Promise.all([
      w.as.a.post(`/api/problems/${q.id}/sign`, { version: q.version }),
      w.as.a.post(`/api/problems/${q.id}/sign`, { version: q.version }),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await history(q.id)).filter((e) => e.type === 'signed')).toHaveLength(1);
  });

  it('a department answering while another returns: never both, never a broken history', async () => {
    const p = await raiseAndDispatch(w, { co: [w.deptC.id] });
    const s = await ok<Detail>(w.as.a.post(`/api/problems/${p.id}/sign`, {}));
    const [answer, ret] = await Promise.all([
      w.as.a.post(`/api/problems/${p.id}/answer`, { text: '已办理', version: s.version }),
      w.as.c.post(`/api/problems/${p.id}/return`, { reason: '非本单位职责', version: s.version }),
    ]);
    expect([answer.statusCode, ret.statusCode].sort()).toEqual([200, 409]);
    const seqs = (await history(p.id)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('many parallel steps without a client version: each either succeeds or answers 409, the history stays whole', async () => {
    const p = await raiseAndDispatch(w, { co: [w.deptB.id, w.deptC.id] });
    const results = await Promise.all([
      w.as.a.post(`/api/problems/${p.id}/sign`, {}),
      w.as.b.post(`/api/problems/${p.id}/sign`, {}),
      w.as.c.post(`/api/problems/${p.id}/sign`, {}),
      w.as.b.post(`/api/problems/${p.id}/extend`, { op: 'request', days: 2, reason: '等待材料' }),
    ]);
    for (const r of results) expect([200, 409], r.body).toContain(r.statusCode);
    const events = await history(p.id);
    const wins = results.filter((r) => r.statusCode === 200).length;
    expect(events.length).toBe(3 + wins);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const [row] = await t.ctx.db.select().from(problems).where(eq(problems.id, p.id));
    expect(row?.version).toBe(p.version + wins);
    expect(row?.eventCount).toBe(events.length);
  });
});
