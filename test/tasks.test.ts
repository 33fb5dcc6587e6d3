import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { nextId, peopleWorld, upload } from './people-helpers.js';
import { buildUser } from './factories.js';
import { queryRows } from '../src/server/db/client.js';
import { IMPORT_COLUMNS } from '../src/server/modules/people/people.import.js';
import { recoverStaleTasks, runNextTask, TASK_STALE_MS } from '../src/server/modules/tasks/index.js';
import { claimNextTask, saveProgress } from '../src/server/modules/tasks/task.repository.js';
import { FileNotFoundError } from '../src/server/files/storage.js';

const dataDir = mkdtempSync(join(tmpdir(), 'xf-tasks-'));
let t: TestApp;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let orgDept: Agent;
beforeAll(async () => {
  t = await createTestApp({ XIANFENG_DATA_DIR: dataDir, XIANFENG_SESSION_IDLE_MINUTES: '600' });
  w = await peopleWorld(t);
  orgDept = await t.login(w.orgDept.username);
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function roster(rows: Array<Record<string, string>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow([...IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(IMPORT_COLUMNS.map((c) => r[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const member = (i: number, org: string) => ({
  姓名: `任务${i}`,
  身份证号: nextId(),
  政治面貌: '正式党员',
  所在党组织: org,
});
const peopleCount = async () =>
  (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from people`))[0]!.n;
const auditOf = (id: number) =>
  queryRows<{ action: string }>(
    t.ctx.db,
    sql`select action from audit_log where entity = 'task' and entity_id = ${String(id)} order by id`,
  );

describe('任务中心 /api/tasks', () => {
  it('401 without a session; 400 for an unknown list or a bad filter, in Chinese', async () => {
    expect((await t.anonymous().get('/api/tasks')).statusCode).toBe(401);
    const badList = await orgDept.post('/api/tasks', { kind: 'export', list: 'nope', filters: {} });
    expect(badList.statusCode).toBe(400);
    const badFilter = await orgDept.post('/api/tasks', {
      kind: 'export',
      list: 'people',
      filters: { politicalStatus: 'pirate' },
    });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().message).toBe('筛选条件 politicalStatus：取值无效');
    const secB = await t.login(w.secretaryB.username);
    expect((await secB.post('/api/tasks', { kind: 'export', list: 'problems', filters: {} })).statusCode).toBe(403);
  });

  it('an export task: queued, run by the worker with the owner scope of run time, file for the owner only, inbox link, audited', async () => {
    for (const [i, org] of [
      [1, w.branchA.id],
      [2, w.branchB.id],
    ] as const)
      expect(
        (await orgDept.post('/api/people', { name: `导出${i}`, idNumber: nextId(), relationOrgUnitId: org }))
          .statusCode,
      ).toBe(200);
    const created = await orgDept.post('/api/tasks', { kind: 'export', list: 'people', filters: { q: '导出' } });
    expect(created.statusCode).toBe(200);
    const id = created.json().id as number;
    const queued = (await orgDept.get(`/api/tasks/${id}`)).json();
    expect(queued).toMatchObject({
      id,
      kind: 'export',
      title: '导出党员台账',
      status: 'queued',
      statusLabel: '排队中',
    });
    expect((await orgDept.get('/api/tasks')).json()).toMatchObject({ active: 1, data: [{ id }] });

    // The owner was moved to township B before the run: the file holds township B's rows only.
    const [u] = await queryRows<{ scope: number }>(
      t.ctx.db,
      sql`select scope_unit_id as scope from users where username = ${w.orgDept.username}`,
    );
    await t.ctx.db.execute(sql`update users set scope_unit_id = ${w.townB.id} where username = ${w.orgDept.username}`);
    expect(await runNextTask(t.ctx, 'test-worker')).toBe(id);
    await t.ctx.db.execute(sql`update users set scope_unit_id = ${u!.scope} where username = ${w.orgDept.username}`);
    expect(await runNextTask(t.ctx, 'test-worker')).toBeUndefined();

    const done = (await orgDept.get(`/api/tasks/${id}`)).json();
    expect(done).toMatchObject({ status: 'done', error: null, report: null });
    expect(done.fileName).toMatch(/^党员台账（\d{4}-\d{2}-\d{2}）\.xlsx$/);
    const file = await orgDept.get(`/api/tasks/${id}/file`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 2) names.push(String(row.getCell(2).value));
    });
    expect(names).toEqual(['导出2']);

    const inbox = (await orgDept.get('/api/notifications')).json();
    expect(inbox.data[0]).toMatchObject({ title: '导出党员台账已完成', link: `/tasks?id=${id}`, entity: 'task' });
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['create', 'finish']);
    expect((await orgDept.get('/api/tasks')).json().active).toBe(0);

    // Owner only: another user, an administrator included, finds nothing.
    const admin = await t.login((await buildUser(t.ctx, { unitId: w.region.id, roles: ['sysadmin'] })).username);
    const other = await t.login((await buildUser(t.ctx, { unitId: w.region.id, roles: ['org_dept'] })).username);
    for (const a of [admin, other]) {
      expect((await a.get(`/api/tasks/${id}`)).statusCode).toBe(404);
      expect((await a.get(`/api/tasks/${id}/file`)).statusCode).toBe(404);
      expect((await a.get('/api/tasks')).json().data).toEqual([]);
    }
  });

  it('a roster import through a task: 400 at upload for a wrong file, progress visible mid-way, the same report as the direct import', async () => {
    const bad = await upload(t, orgDept, '/api/people/import/task', Buffer.from('not a workbook'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('文件：不是有效的Excel（.xlsx）文件');
    const secB = await t.login(w.secretaryB.username);
    expect((await upload(t, secB, '/api/people/import/task', await roster([]))).statusCode).toBe(403);

    const rows = Array.from({ length: 450 }, (_, i) => member(i, i % 2 ? w.branchA.name : w.branchB.name));
    rows[7]!['身份证号'] = '12345';
    rows[300]!['所在党组织'] = '不存在的支部';
    const file = await roster(rows);
    const before = await peopleCount();
    const direct = await upload(t, orgDept, '/api/people/import', file);
    expect(direct.json()).toMatchObject({ total: 450, invalidRows: 2, imported: 0 });

    const queued = await upload(t, orgDept, '/api/people/import/task', file);
    expect(queued.statusCode).toBe(200);
    const id = queued.json().id as number;
    const seen: Array<{ status: string; done: number; total: number | null }> = [];
    await runNextTask(t.ctx, 'test-worker', {
      afterProgress: async (taskId, done) => {
        if (taskId !== id || done !== 200) return;
        // Paused mid-way: the owner's page shows rows done / total while the task runs.
        const mid = (await orgDept.get(`/api/tasks/${id}`)).json();
        seen.push({ status: mid.status, done: mid.done, total: mid.total });
      },
    });
    expect(seen).toEqual([{ status: 'running', done: 200, total: 450 }]);
    const task = (await orgDept.get(`/api/tasks/${id}`)).json();
    expect(task).toMatchObject({ status: 'done', done: 450, total: 450, title: '导入党员名册', fileName: null });
    expect(task.report).toEqual(direct.json());
    expect(task.summary).toEqual({ total: 450, valid: 448, invalidRows: 2, imported: 0 });
    expect(await peopleCount()).toBe(before);

    const partial = await upload(t, orgDept, '/api/people/import/task?onlyValid=true', file);
    await runNextTask(t.ctx, 'test-worker');
    const written = (await orgDept.get(`/api/tasks/${partial.json().id}`)).json();
    expect(written.report).toMatchObject({ valid: 448, invalidRows: 2, imported: 448 });
    expect(written.report.errors.map((e: { row: number }) => e.row)).toEqual([9, 302]);
    expect(await peopleCount()).toBe(before + 448);
    const audits = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_log where entity = 'person' and action = 'import'`,
    );
    expect(audits[0]!.n).toBe(1);
    // The uploaded file is gone once the task has finished.
    const keys = await queryRows<{ key: string }>(
      t.ctx.db,
      sql`select params->>'fileKey' as key from tasks where id = ${id}`,
    );
    await expect(t.ctx.files.get(keys[0]!.key)).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('a task whose server died is failed with a clear message once its heartbeat is stale, and its owner is told', async () => {
    const file = await roster([member(1, w.branchA.name)]);
    const id = (await upload(t, orgDept, '/api/people/import/task', file)).json().id as number;
    const claimed = await claimNextTask(t.ctx.db, 'dead-server:1:abc', t.clock.now());
    expect(claimed?.id).toBe(id);
    // Still beating a minute later: not touched.
    t.clock.advanceMinutes(1);
    expect(await saveProgress(t.ctx.db, id, 'dead-server:1:abc', { at: t.clock.now() })).toBe(true);
    t.clock.advanceMinutes(1);
    expect(await recoverStaleTasks(t.ctx)).toBe(0);
    expect((await orgDept.get(`/api/tasks/${id}`)).json().status).toBe('running');
    // Then the server dies: no heartbeat for longer than TASK_STALE_MS.
    t.clock.advanceMinutes(TASK_STALE_MS / 60_000 + 1);
    expect(await recoverStaleTasks(t.ctx)).toBe(1);
    const failed = (await orgDept.get(`/api/tasks/${id}`)).json();
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^任务中断：执行任务的服务器已停止或重启，请重新提交/);
    expect((await orgDept.get('/api/notifications')).json().data[0]).toMatchObject({
      title: '导入党员名册失败',
      link: `/tasks?id=${id}`,
    });
    // The dead server, if it comes back, can no longer report on it; nothing is left to run.
    expect(await saveProgress(t.ctx.db, id, 'dead-server:1:abc', { done: 1, at: t.clock.now() })).toBe(false);
    expect(await runNextTask(t.ctx, 'test-worker')).toBeUndefined();
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['create', 'fail']);
  });

  it('a task fails with the reason when its owner lost the right to run it before it ran', async () => {
    const u = await buildUser(t.ctx, { unitId: w.region.id, roles: ['org_dept'] });
    const agent = await t.login(u.username);
    const id = (await agent.post('/api/tasks', { kind: 'export', list: 'people', filters: {} })).json().id as number;
    await t.ctx.db.execute(sql`delete from user_roles where user_id = ${u.id}`);
    await t.ctx.db.execute(sql`insert into user_roles (user_id, role_code) values (${u.id}, 'dept_handler')`);
    await runNextTask(t.ctx, 'test-worker');
    const failed = (await agent.get(`/api/tasks/${id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', error: '任务所有者已没有执行该任务的权限', fileName: null });
    expect((await agent.get(`/api/tasks/${id}/file`)).statusCode).toBe(404);
  });
});
