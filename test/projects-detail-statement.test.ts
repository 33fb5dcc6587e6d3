import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/client.js';
import { projects } from '../src/server/db/schema/index.js';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import { getProject } from '../src/server/modules/projects/project.service.js';
import { listProjects, namesOf, projectParts } from '../src/server/modules/projects/project.repository.js';
import { projectVisibleTo } from '../src/server/modules/projects/project.scope.js';
import { presentDetail } from '../src/server/modules/projects/project.presenter.js';
import { abilitiesOf } from '../src/server/modules/projects/project.policy.js';
import { chinaDate } from '../src/domain/dates.js';
import { permissionsOf, type RoleCode } from '../src/shared/roles.js';
import type { Actor } from '../src/server/actor.js';
import type { AppError } from '../src/server/errors.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Decision 033: GET /api/projects/:id is one prepared statement (the row and its parts as json_agg
 * under one visibility check). Its answer must equal the composition it replaced — the list row, the
 * four part reads each under the visibility rule, and the two name lookups — for every project of the
 * demo region (with parts added so that every kind is present) and actors of every kind of unit, in
 * both languages; and the request must reach the database once.
 */
let t: TestApp;
let ids: number[];
const actors: Actor[] = [];

function actorOf(u: { id: number; path: string; kind: string; name: string }, userId: number, roles: RoleCode[]) {
  return {
    userId,
    username: 'probe',
    displayName: 'probe',
    roles,
    permissions: permissionsOf(roles),
    scope: { unitId: u.id, path: u.path, kind: 'org', unitKind: u.kind, name: u.name },
    sessionId: 'probe',
    ip: '127.0.0.1',
    requestId: 'probe',
    lang: 'zh',
  } as Actor;
}

/** GET /api/projects/:id as it was before decision 033: seven queries, the rule applied to each part. */
async function composed(actor: Actor, id: number) {
  const today = chinaDate(t.clock.now());
  const { rows } = await listProjects(
    t.ctx.db,
    actor,
    { page: 1, pageSize: 1, sort: 'risk' },
    today.slice(0, 4),
    and(eq(projects.id, id), projectVisibleTo(actor)),
  );
  const row = rows[0];
  if (!row) return undefined;
  const p = row.project;
  const parts = await projectParts(t.ctx.db, actor, id);
  const unitIds = [
    p.regionUnitId,
    p.ownerFirmUnitId,
    p.partyBranchUnitId,
    ...parts.nodes.map((n) => n.responsibleUnitId),
  ];
  const userIds = parts.nodes.map((n) => n.responsibleUserId);
  const names = await namesOf(
    t.ctx.db,
    unitIds.filter((x): x is number => typeof x === 'number'),
    userIds.filter((x): x is number => typeof x === 'number'),
  );
  const cal = await t.ctx.calendar.get();
  return presentDetail(row, parts, names, { cal, today, lang: actor.lang, abilities: abilitiesOf(actor, p) });
}

async function current(actor: Actor, id: number) {
  try {
    return await getProject(t.ctx, actor, id);
  } catch (e) {
    if ((e as AppError).status === 404) return undefined;
    throw e;
  }
}

beforeAll(async () => {
  t = await createTestApp();
  expect(await loadDemoData(t.ctx)).toBe(true);
  const db = t.ctx.db;
  // Parts of every kind on several projects, names that resolve, and a node whose unit and person are set.
  const [firm] = await queryRows<{ id: number }>(
    db,
    sql`select id from org_units where kind = 'firm' order by id limit 1`,
  );
  const [dept] = await queryRows<{ id: number }>(
    db,
    sql`select id from org_units where kind = 'department' order by id desc limit 1`,
  );
  const [user] = await queryRows<{ id: number }>(db, sql`select id from users order by id desc limit 1`);
  const some = await queryRows<{ id: number }>(db, sql`select id from projects order by id limit 4`);
  for (const [k, p] of some.entries()) {
    await db.execute(sql`insert into project_contractors (project_id, firm_unit_id, name, role, seq, manager_name)
      values (${p.id}, ${firm?.id ?? null}, ${`承建单位${k}`}, 'general', 0, null),
             (${p.id}, null, ${`分包单位${k}`}, 'sub', 0, ${'李四'})`);
    await db.execute(sql`insert into project_task_forces (project_id, level, name, members, seq)
      values (${p.id}, 'city', ${`专班${k}`}, ${JSON.stringify([{ name: '王五', title: '组长', unit: null }])}::jsonb, ${k})`);
    await db.execute(sql`update project_nodes set responsible_unit_id = ${dept?.id ?? null}, responsible_user_id = ${user?.id ?? null},
      planned_percent = 12.5 where id = (select min(id) from project_nodes where project_id = ${p.id})`);
    await db.execute(sql`insert into project_investments (project_id, month, amount, note)
      values (${p.id}, ${`${chinaDate(t.clock.now()).slice(0, 4)}-01`}, 1234.05, '一月')
      on conflict (project_id, month) do update set amount = 1234.05`);
  }
  ids = (await queryRows<{ id: number }>(db, sql`select id from projects order by id`)).map((r) => r.id);
  // Up to two units of every kind, as an org-department actor; and the people bound to projects as themselves.
  const units = await queryRows<{ id: number; path: string; kind: string; name: string }>(
    db,
    sql`select id, path, kind, name from (select o.*, row_number() over (partition by kind order by id) as k from org_units o) x
        where k <= 2 order by id`,
  );
  for (const u of units) actors.push(actorOf(u, 0, ['org_dept']));
  const bound = await queryRows<{ userId: number; id: number; path: string; kind: string; name: string }>(
    db,
    sql`select distinct on (u.id) u.id as "userId", o.id, o.path, o.kind, o.name from projects p
        join users u on u.id in (p.leader_user_id, p.commissioner_user_id) join org_units o on o.id = u.scope_unit_id
        order by u.id limit 4`,
  );
  for (const b of bound) actors.push(actorOf(b, b.userId, ['commissioner']));
  const en = actors[0];
  if (en) actors.push({ ...en, lang: 'en' });
}, 180_000);
afterAll(async () => t?.close());

describe('GET /api/projects/:id in one statement', () => {
  it('answers what the seven-query composition answered, for every project and every kind of actor', async () => {
    expect(ids.length).toBeGreaterThan(5);
    expect(actors.length).toBeGreaterThan(8);
    let seen = 0;
    let hidden = 0;
    let withEveryPart = 0;
    for (const actor of actors)
      for (const id of ids) {
        const before = await composed(actor, id);
        const after = await current(actor, id);
        expect(JSON.stringify(after), `${actor.scope.name} (${actor.userId}) project ${id}`).toBe(
          JSON.stringify(before),
        );
        if (!after) hidden++;
        else {
          seen++;
          const parts = [after.contractors, after.taskForces, after.nodes, after.investments];
          if (parts.every((x) => x.length > 0) && after.nodes.some((n) => n.responsibleUnit && n.responsibleUser))
            withEveryPart++;
        }
      }
    // the comparison covered visible and hidden projects, and projects with every kind of part
    expect(seen).toBeGreaterThan(20);
    expect(hidden).toBeGreaterThan(20);
    expect(withEveryPart).toBeGreaterThan(3);
  });

  it('a request reaches the database once (the session cached, the calendar loaded)', async () => {
    const agent = await t.login('zzb', DEMO_PASSWORD);
    const id = ids[0] as number;
    const client = (t.ctx.db as unknown as { $client: Record<string, unknown> }).$client;
    const methods = ['query', 'exec'].filter((k) => typeof client[k] === 'function');
    const originals = new Map(methods.map((k) => [k, client[k] as (...a: unknown[]) => unknown]));
    let count = 0;
    for (const [k, f] of originals)
      client[k] = function (this: unknown, ...a: unknown[]) {
        count++;
        return f.apply(this, a);
      };
    try {
      expect((await agent.get(`/api/projects/${id}`)).statusCode).toBe(200); // warm: session and calendar
      count = 0;
      for (let i = 0; i < 5; i++) expect((await agent.get(`/api/projects/${id}`)).statusCode).toBe(200);
      expect(count).toBe(5);
      // not visible: the same one statement answers nothing, and the answer is 404
      const out = await t.login('qiye', DEMO_PASSWORD);
      let foreign: number | undefined;
      for (const other of ids) if ((await out.get(`/api/projects/${other}`)).statusCode === 404) foreign ??= other;
      expect(foreign).toBeDefined();
      count = 0;
      expect((await out.get(`/api/projects/${foreign}`)).statusCode).toBe(404);
      expect(count).toBe(1);
    } finally {
      for (const [k, f] of originals) client[k] = f;
    }
  });
});
