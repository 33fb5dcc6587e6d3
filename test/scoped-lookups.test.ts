import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/client.js';
import { meetingProblems } from '../src/server/db/schema/index.js';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import { listHistory } from '../src/server/modules/projects/history.repository.js';
import { projectParts } from '../src/server/modules/projects/project.repository.js';
import { warningMonthsOf } from '../src/server/modules/warnings/warning.repository.js';
import { itemsOfProject } from '../src/server/modules/approvals/approval.repository.js';
import { getMeeting } from '../src/server/modules/meetings/meeting.service.js';
import { permissionsOf } from '../src/shared/roles.js';
import type { Actor } from '../src/server/actor.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Issue 9 §3: lookups by a project's (or meeting's) id apply the actor's scope themselves, so they
 * are safe without the caller having called requireProject first. On the demo region: an actor of
 * 狼山街道 sees the rows of a 狼山街道 project; an actor of 铁山镇 gets none of them.
 */
let t: TestApp;
let project: number;
let langshan: Actor;
let tieshan: Actor;

async function actorAt(unitName: string): Promise<Actor> {
  const [u] = await queryRows<{ id: number; path: string }>(
    t.ctx.db,
    sql`select id, path from org_units where name = ${unitName}`,
  );
  if (!u) throw new Error(unitName);
  return {
    userId: 0,
    username: 'probe',
    displayName: 'probe',
    roles: ['org_dept'],
    permissions: permissionsOf(['org_dept']),
    scope: { unitId: u.id, path: u.path, kind: 'org', unitKind: 'township', name: unitName },
    sessionId: 'probe',
    ip: '127.0.0.1',
    requestId: 'probe',
    lang: 'zh',
  };
}

beforeAll(async () => {
  t = await createTestApp();
  expect(await loadDemoData(t.ctx)).toBe(true);
  langshan = await actorAt('狼山街道');
  tieshan = await actorAt('铁山镇');
  const [p] = await queryRows<{ id: number }>(
    t.ctx.db,
    sql`select min(p.id) as id from projects p join org_units o on o.id = p.township_unit_id
        where o.path = ${langshan.scope.path}
          and exists (select 1 from project_nodes x where x.project_id = p.id)
          and exists (select 1 from project_history x where x.project_id = p.id)
          and exists (select 1 from project_warning_months x where x.project_id = p.id)
          and exists (select 1 from approval_items x where x.project_id = p.id)`,
  );
  project = Number(p?.id);
  expect(project).toBeGreaterThan(0);
}, 180_000);
afterAll(async () => t?.close());

describe('lookups by a project id apply the scope themselves', () => {
  it("the project's history, parts, warning months and approval items: the township's own only", async () => {
    const page = { page: 1, pageSize: 50 };
    expect((await listHistory(t.ctx.db, langshan, project, page)).total).toBeGreaterThan(0);
    expect(await listHistory(t.ctx.db, tieshan, project, page)).toEqual({ rows: [], total: 0 });

    const own = await projectParts(t.ctx.db, langshan, project);
    expect(own.nodes.length).toBeGreaterThan(0);
    expect(own.investments.length).toBeGreaterThan(0);
    expect(await projectParts(t.ctx.db, tieshan, project)).toEqual({
      contractors: [],
      taskForces: [],
      nodes: [],
      investments: [],
    });

    expect((await warningMonthsOf(t.ctx.db, langshan, project)).length).toBeGreaterThan(0);
    expect(await warningMonthsOf(t.ctx.db, tieshan, project)).toEqual([]);

    expect((await itemsOfProject(t.ctx.db, langshan, project)).length).toBeGreaterThan(0);
    expect(await itemsOfProject(t.ctx.db, tieshan, project)).toEqual([]);
  });

  it("a meeting lists only the problems its reader may see, even one linked to another township's problem", async () => {
    const zhuanyuan = await t.login('zhuanyuan', DEMO_PASSWORD);
    const qiye = await t.login('qiye', DEMO_PASSWORD);
    const raised = await qiye.post('/api/problems', {
      clientRequestId: randomUUID(),
      category: 'land',
      description: '用地指标未落实（会议用）',
    });
    expect(raised.statusCode).toBe(200);
    const own = (raised.json() as { id: number }).id;
    const created = await zhuanyuan.post('/api/meetings', {
      heldOn: '2026-11-20',
      subject: '联席会议',
      attendees: [{ unitName: '狼山街道', people: '张三' }],
      problemIds: [own],
    });
    expect(created.statusCode).toBe(200);
    const meetingId = (created.json() as { id: number }).id;
    // A row the service would never write (it checks the problems), put there by hand: a problem of 铁山镇.
    const [foreign] = await queryRows<{ id: number }>(
      t.ctx.db,
      sql`select min(p.id) as id from problems p where p.scope_path not like ${`${langshan.scope.path}%`}
          and (p.project_id is null or p.project_id not in (select x.id from projects x join org_units o
               on o.id = x.township_unit_id where o.path like ${`${langshan.scope.path}%`}))`,
    );
    expect(foreign?.id).toBeTruthy();
    await t.ctx.db.insert(meetingProblems).values({ meetingId, problemId: Number(foreign?.id) });
    const m = await getMeeting(t.ctx, langshan, meetingId);
    expect(m.problems.map((p) => p.id)).toEqual([own]);
  });
});
