import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '../src/server/db/client.js';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import type { RoleCode } from '../src/shared/roles.js';
import { buildUser } from './factories.js';
import type { EntityKind } from './route-kinds.js';
import type { Agent, TestApp } from './test-app.js';

/**
 * Two organisations under one root for the cross-organisation sweep: the demo region's 狼山街道 is B
 * (its projects with nodes and approval items, people, participations, problems …) and 铁山镇 is A,
 * whose users hold broad permissions there. What the demo lacks is made through the API by B's own
 * users (a problem with a photo, a meeting, coverage proposals recomputed). Region-level rows (departments,
 * supervision visits, observation events) are outside A's subtree too, so they serve as "not A's".
 */
export interface SweepWorld {
  /** One id of each kind that A's users must not reach. */
  b: Record<EntityKind, number>;
  bPath: string;
  /** Users scoped to organisation A, one per kind of access: business roles and the three administrators. */
  a: Array<{ name: string; agent: Agent }>;
  /** Ids that exist in A, for references inside generated bodies. */
  aIds: number[];
  /** A's own rows that head a path (a project, a problem, a person), for routes with two ids. */
  aOwn: Partial<Record<EntityKind, number>>;
}

async function ok(p: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string) {
  const res = await p;
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}

async function extrasOfB(t: TestApp): Promise<void> {
  const zzb = await t.login('zzb', DEMO_PASSWORD);
  const zhuanyuan = await t.login('zhuanyuan', DEMO_PASSWORD);
  const qiye = await t.login('qiye', DEMO_PASSWORD);
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 9, g: 90, b: 200 } } })
    .jpeg()
    .toBuffer();
  const up = await t.app.inject({
    method: 'POST',
    url: '/api/problems/photos',
    headers: { cookie: qiye.cookie ?? '', 'x-csrf-token': qiye.csrf ?? '', 'content-type': 'image/jpeg' },
    payload: jpeg,
  });
  if (up.statusCode !== 200) throw new Error(`photo upload: ${up.statusCode} ${up.body}`);
  const photoId = (up.json() as { id: number }).id;
  const problem = await ok(
    qiye.post('/api/problems', {
      clientRequestId: randomUUID(),
      category: 'land',
      description: '用地指标未落实（扫描用）',
      photoIds: [photoId],
    }),
    'B problem',
  );
  await ok(
    zhuanyuan.post('/api/meetings', {
      heldOn: '2026-11-20',
      subject: '党政企联席会议（扫描用）',
      attendees: [{ unitName: '狼山街道', people: '张三' }],
      problemIds: [problem.id],
    }),
    'B meeting',
  );
  await ok(zzb.post('/api/coverage/proposals/recompute'), 'coverage proposals');
  await ok(zzb.post('/api/tasks', { kind: 'export', list: 'people', filters: {} }), 'B task');
}

const one = async (t: TestApp, q: ReturnType<typeof sql>, what: string): Promise<number> => {
  const [row] = await queryRows<{ id: number | null }>(t.ctx.db, q);
  if (!row?.id) throw new Error(`organisation B has no ${what}`);
  return Number(row.id);
};

async function idsOfB(t: TestApp, bPath: string, aPath: string): Promise<Record<EntityKind, number>> {
  const min = (table: string) => one(t, sql.raw(`select min(id) as id from "${table}"`), table);
  const like = `${bPath}%`;
  // Ids that appear together in one path belong together (a node of that project, a photo of that
  // problem), so a 404 is the scope speaking, not a mismatch between them.
  const photo = await one(t, sql`select min(id) as id from problem_photos where problem_id is not null`, 'photo');
  const problem = await one(t, sql`select problem_id as id from problem_photos where id = ${photo}`, 'problem');
  const project = await one(
    t,
    sql`select min(p.id) as id from projects p join org_units o on o.id = p.township_unit_id
        where o.path like ${like} and exists (select 1 from approval_items i where i.project_id = p.id)
          and exists (select 1 from project_nodes n where n.project_id = p.id)`,
    'project with nodes and approval items',
  );
  const participation = await one(
    t,
    sql`select min(x.id) as id from person_participations x join people p on p.id = x.person_id
        where p.org_path like ${like}`,
    'participation',
  );
  return {
    user: await one(t, sql`select id from users where username = 'zhuanyuan'`, 'user'),
    audit: await one(t, sql`select max(id) as id from audit_log where scope_path like ${like}`, 'audit row'),
    unit: await one(t, sql`select id from org_units where path = ${bPath}`, 'unit'),
    department: await one(t, sql`select min(id) as id from org_units where kind = 'department'`, 'department'),
    problem,
    photo,
    meeting: await min('meetings'),
    project,
    node: await one(t, sql`select min(id) as id from project_nodes where project_id = ${project}`, 'node'),
    approval_item: await one(t, sql`select min(id) as id from approval_items where project_id = ${project}`, 'item'),
    visit: await min('supervision_visits'),
    finding: await one(
      t,
      sql`select min(f.id) as id from supervision_findings f join projects p on p.id = f.project_id
          join org_units o on o.id = p.township_unit_id where o.path like ${like}`,
      'finding',
    ),
    observation: await min('observation_events'),
    proposal: await one(
      t,
      sql`select min(id) as id from coverage_proposals where area_path not like ${`${aPath}%`}`,
      'proposal',
    ),
    transfer: await one(
      t,
      sql`select min(x.id) as id from relation_transfers x join people p on p.id = x.person_id
          where coalesce(p.org_path, '') not like ${`${aPath}%`}`,
      'transfer',
    ),
    person: await one(t, sql`select person_id as id from person_participations where id = ${participation}`, 'person'),
    participation,
    task: await min('tasks'),
  };
}

const unitPath = async (t: TestApp, name: string) => {
  const [row] = await queryRows<{ id: number; path: string }>(
    t.ctx.db,
    sql`select id, path from org_units where name = ${name}`,
  );
  if (!row) throw new Error(`demo unit ${name} missing`);
  return row;
};

export async function buildSweepWorld(t: TestApp): Promise<SweepWorld> {
  if (!(await loadDemoData(t.ctx))) throw new Error('the sweep needs an empty database');
  const langshan = await unitPath(t, '狼山街道');
  const tieshan = await unitPath(t, '铁山镇');
  await extrasOfB(t);
  const b = await idsOfB(t, langshan.path, tieshan.path);

  const as = async (name: string, roles: RoleCode[]) => {
    const u = await buildUser(t.ctx, { unitId: tieshan.id, roles });
    return { name, agent: await t.login(u.username) };
  };
  const a = [
    await as('A 组织部', ['org_dept']),
    await as('A 全部业务角色', ['org_dept', 'leader', 'commissioner', 'secretary', 'dept_handler', 'firm_contact']),
    await as('A 系统管理员', ['sysadmin']),
    await as('A 安全管理员', ['secadmin']),
    await as('A 审计管理员', ['auditor']),
  ];
  const aIds = await queryRows<{ id: number }>(
    t.ctx.db,
    sql`select id from org_units where path like ${`${tieshan.path}%`} order by id`,
  );
  const inA = `${tieshan.path}%`;
  const aOwn = {
    project: await one(
      t,
      sql`select min(p.id) as id from projects p join org_units o on o.id = p.township_unit_id where o.path like ${inA}`,
      'project of A',
    ),
    problem: await one(t, sql`select min(id) as id from problems where scope_path like ${inA}`, 'problem of A'),
    person: await one(t, sql`select min(id) as id from people where org_path like ${inA}`, 'person of A'),
  };
  return { b, bPath: langshan.path, a, aIds: aIds.map((x) => x.id), aOwn };
}

/**
 * A fingerprint of every table but the session bookkeeping: one hash per table over its rows, so
 * "nothing changed" covers inserts, updates and deletes anywhere, and names the table that moved.
 */
export async function fingerprint(t: TestApp): Promise<Map<string, string>> {
  const tables = await queryRows<{ name: string }>(
    t.ctx.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'
          and table_name not in ('sessions', 'login_attempts', '__drizzle_migrations')
        order by 1`,
  );
  const parts = tables.map(
    ({ name }) =>
      `select '${name}' as name, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from "${name}" t`,
  );
  const rows = await queryRows<{ name: string; h: string }>(t.ctx.db, sql.raw(parts.join(' union all ')));
  return new Map(rows.map((x) => [x.name, x.h]));
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((k) => before.get(k) !== after.get(k));
}
