import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, orgUnits } from '../src/server/db/schema/index.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildRegion, buildUnit, uid } from './factories.js';
import { buildProblemWorld, LONG_SESSIONS, ok, raise, type ProblemWorld } from './problem-factories.js';

let t: TestApp;
let w: ProblemWorld;

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
});
afterAll(async () => t?.close());

interface Route {
  code: string;
  dept: { id: number; name: string } | null;
  updatedAt: string | null;
}
const routeOf = (list: { data: Route[] }, code: string) => list.data.find((r) => r.code === code);

async function lastAudit(code: string) {
  const [row] = await t.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'problem_category_route'), eq(auditLog.entityId, code)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

describe('类别 → 承办部门 routing table', () => {
  it('401 without a session; 403 for a role without problems.config', async () => {
    expect((await t.anonymous().get('/api/problems/routes')).statusCode).toBe(401);
    const res = await w.as.zhuanyuan.put('/api/problems/routes/land', { deptId: w.deptB.id });
    expect(res.statusCode).toBe(403);
    expect((await w.as.a.put('/api/problems/routes/land', { deptId: w.deptA.id })).statusCode).toBe(403);
  });

  it('400 for a malformed body; 404 for an unknown category or a department that is not one of the actor’s', async () => {
    const bad = await w.as.zzb.put('/api/problems/routes/land', { deptId: 'x' });
    expect(bad.statusCode).toBe(400);
    const unknown = await w.as.zzb.put('/api/problems/routes/nosuch', { deptId: w.deptA.id });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ message: expect.stringContaining('问题类别') });
    // Not a department (a firm), and a department of another region.
    expect((await w.as.zzb.put('/api/problems/routes/land', { deptId: w.firm.id })).statusCode).toBe(404);
    const other = await buildRegion(t.ctx);
    const foreign = await w.as.zzb.put('/api/problems/routes/land', { deptId: other.dept.id });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ message: expect.stringContaining('部门') });
    expect(await lastAudit('land')).toBeUndefined();
  });

  it('组织部 sets, changes and removes a route; each write is audited', async () => {
    t.clock.set(new Date('2026-11-23T10:00:00+08:00'));
    const set = await ok<{ data: Route[] }>(w.as.zzb.put('/api/problems/routes/land', { deptId: w.deptB.id }));
    expect(routeOf(set, 'land')?.dept).toEqual({ id: w.deptB.id, name: w.deptB.name });
    expect(routeOf(set, 'land')?.updatedAt).toBe('2026-11-23T02:00:00.000Z');
    expect(await lastAudit('land')).toMatchObject({
      action: 'create',
      before: null,
      after: { deptUnitId: w.deptB.id },
    });

    await ok(w.as.zzb.put('/api/problems/routes/land', { deptId: w.deptA.id }));
    expect(await lastAudit('land')).toMatchObject({
      action: 'update',
      before: { deptUnitId: w.deptB.id },
      after: { deptUnitId: w.deptA.id },
    });
    // Any reader sees the table (the triage form and the settings page use it).
    const read = await ok<{ data: Route[] }>(w.as.a.get('/api/problems/routes'));
    expect(routeOf(read, 'land')?.dept?.id).toBe(w.deptA.id);
    expect(routeOf(read, 'road')?.dept).toBeNull();

    const removed = await ok<{ data: Route[] }>(w.as.zzb.put('/api/problems/routes/land', { deptId: null }));
    expect(routeOf(removed, 'land')?.dept).toBeNull();
    expect(await lastAudit('land')).toMatchObject({ action: 'delete', before: { deptUnitId: w.deptA.id } });
  });

  it('the departments list the 交办 form reads suggests the routed department for the problem’s category', async () => {
    await ok(w.as.zzb.put('/api/problems/routes/tax', { deptId: w.deptC.id }));
    const p = await raise(w.as.qiye, { category: 'tax' });
    const list = await ok<{ data: Array<{ id: number }>; suggestedDeptId: number | null }>(
      w.as.zzb.get(`/api/problems/departments?category=${String(p.category)}`),
    );
    expect(list.suggestedDeptId).toBe(w.deptC.id);
    expect(list.data.map((d) => d.id)).toContain(w.deptC.id);
    // No route: no suggestion. Without a category the answer is the plain list.
    const none = await ok<{ suggestedDeptId: number | null }>(
      w.as.zzb.get('/api/problems/departments?category=dispute'),
    );
    expect(none.suggestedDeptId).toBeNull();
    const plain = await ok<Record<string, unknown>>(w.as.zzb.get('/api/problems/departments'));
    expect(plain).not.toHaveProperty('suggestedDeptId');
    // The suggestion only suggests: dispatching to another department is accepted.
    await ok(w.as.zzb.post(`/api/problems/${p.id}/accept`, {}));
    const d = await ok<{ assignments: Array<{ dept: { id: number } }> }>(
      w.as.zzb.post(`/api/problems/${p.id}/dispatch`, { leadDeptId: w.deptB.id }),
    );
    expect(d.assignments[0]?.dept.id).toBe(w.deptB.id);
  });

  it('a route to a department closed later is not suggested', async () => {
    const dept = await buildUnit(t.ctx, { parentId: w.region.id, kind: 'department', name: `应急局${uid()}` });
    await ok(w.as.zzb.put('/api/problems/routes/safety', { deptId: dept.id }));
    expect(
      (await ok<{ suggestedDeptId: number | null }>(w.as.zzb.get('/api/problems/departments?category=safety')))
        .suggestedDeptId,
    ).toBe(dept.id);
    await t.ctx.db
      .update(orgUnits)
      .set({ closedAt: new Date('2026-11-01T00:00:00Z') })
      .where(eq(orgUnits.id, dept.id));
    expect(
      (await ok<{ suggestedDeptId: number | null }>(w.as.zzb.get('/api/problems/departments?category=safety')))
        .suggestedDeptId,
    ).toBeNull();
  });
});
