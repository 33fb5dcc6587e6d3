import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { problems, supervisionFindings } from '../src/server/db/schema/index.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildProblemWorld, LONG_SESSIONS, ok, raise, type Detail, type ProblemWorld } from './problem-factories.js';

let t: TestApp;
let w: ProblemWorld;

beforeAll(async () => {
  t = await createTestApp(LONG_SESSIONS);
  w = await buildProblemWorld(t);
});
afterAll(async () => t?.close());

interface Meeting {
  id: number;
  attendees: Array<{ unitName: string }>;
  problems: Array<{ id: number }>;
  decisions: Array<{ kind: string; problemId: number | null; text: string }>;
}

describe('党政企联席会议', () => {
  it('records attendees by organisation and problems discussed; a decision opens a problem or closes one with an answer', async () => {
    const open = await raise(w.as.qiye, { description: '配套道路规划迟迟未批' });
    const bad = await w.as.zzb.post('/api/meetings', { heldOn: '2026-11-23', subject: '', attendees: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('会议名称：必填；参会单位：至少需要 1 项');
    const m = await ok<Meeting>(
      w.as.zzb.post('/api/meetings', {
        heldOn: '2026-11-23',
        subject: '第六次党政企联席会议',
        place: '开发区管委会 3 楼会议室',
        attendees: [
          { unitId: w.region.id, unitName: '党工委组织部', people: '王建国' },
          { unitId: w.deptA.id, unitName: '自然资源局', people: '孙立' },
          { unitId: w.firm.id, unitName: '企业', people: '周婷' },
        ],
        problemIds: [open.id],
      }),
    );
    expect(m.attendees.map((a) => a.unitName)).toEqual(['党工委组织部', '自然资源局', '企业']);
    expect(m.problems.map((p) => p.id)).toEqual([open.id]);
    const withNew = await ok<Meeting>(
      w.as.zzb.post(`/api/meetings/${m.id}/decisions`, {
        kind: 'create_problem',
        text: '由自然资源局牵头解决临时用地',
        category: 'land',
        description: '施工临时用地需协调',
        firmUnitId: w.firm.id,
      }),
    );
    const created = withNew.decisions[0]!;
    expect(created.kind).toBe('create_problem');
    const [row] = await t.ctx.db.select().from(problems).where(eq(problems.id, created.problemId!));
    expect(row).toMatchObject({ source: 'meeting', meetingId: m.id, status: 'submitted' });
    const closed = await ok<Meeting>(
      w.as.zzb.post(`/api/meetings/${m.id}/decisions`, {
        kind: 'close_problem',
        text: '会议明确规划调整方案',
        problemId: open.id,
        answer: '规划局已同意调整，12 月底前批复',
      }),
    );
    expect(closed.decisions.map((d) => d.kind)).toEqual(['create_problem', 'close_problem']);
    const detail = await ok<Detail>(w.as.qiye.get(`/api/problems/${open.id}`));
    expect(detail).toMatchObject({ status: 'closed', closeAnswer: '规划局已同意调整，12 月底前批复' });
    expect(detail.events.map((e) => e.type)).toEqual(['raised', 'accepted', 'closed']);
    expect(detail.events[2]?.text).toBe('联席会议决定关闭：规划局已同意调整，12 月底前批复');
    const list = await ok<{ total: number; data: Array<{ id: number; decisions: number; problems: number }> }>(
      w.as.zzb.get('/api/meetings'),
    );
    expect(list.data.find((x) => x.id === m.id)).toMatchObject({ decisions: 2, problems: 2 });
    // Other actors: a firm cannot see meetings; a commissioner cannot close a problem outside its scope.
    expect((await w.as.qiye.get('/api/meetings')).statusCode).toBe(403);
    const other = await raise(w.as.qiye2);
    expect(
      (
        await w.as.zhuanyuan.post(`/api/meetings/${m.id}/decisions`, {
          kind: 'close_problem',
          text: 'x',
          problemId: other.id,
          answer: 'x',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('supervision findings (季督办) become problems', () => {
  it('a finding recorded on a visit opens a problem with source supervision and links back to it', async () => {
    const visit = await ok<{ id: number }>(
      w.as.zzb.post('/api/supervision/visits', { groupName: '党建引领项目攻坚督导组', visitedOn: '2026-11-20' }),
    );
    await ok(
      w.as.zzb.post(`/api/supervision/visits/${visit.id}/findings`, {
        projectId: w.project.id,
        description: '塔吊安全防护不到位，需限期整改',
      }),
    );
    const [finding] = await t.ctx.db
      .select()
      .from(supervisionFindings)
      .where(eq(supervisionFindings.visitId, visit.id));
    const rows = await t.ctx.db.select().from(problems).where(eq(problems.projectId, w.project.id));
    const found = rows.filter((r) => r.source === 'supervision');
    expect(found.length).toBe(1);
    expect(finding?.problemId).toBe(found[0]?.id);
    expect(found[0]).toMatchObject({
      firmUnitId: w.firm.id,
      status: 'submitted',
      sourceRef: `finding:${finding?.id}@2026-11-20`,
    });
    expect(found[0]?.description).toContain('季督办（党建引领项目攻坚督导组，2026-11-20）：塔吊安全防护不到位');
    const d = await ok<Detail>(w.as.zzb.get(`/api/problems/${found[0]!.id}`));
    expect(d).toMatchObject({ source: 'supervision', project: { id: w.project.id } });
    expect((await w.as.qiye.get(`/api/problems/${found[0]!.id}`)).statusCode).toBe(200);
  });

  it('the project’s open problems appear in its monthly dispatch prefill (月调度, typed once)', async () => {
    const p = await raise(w.as.qiye, { projectId: w.project.id });
    const res = await w.as.zzb.get(`/api/dispatch/${w.project.id}/2026-11`);
    expect(res.statusCode).toBe(200);
    const report = res.json() as {
      snapshot: { open: Array<{ key: string; count: number; items: Array<{ zh: string }> }> };
    };
    const problemsItem = report.snapshot.open.find((o) => o.key === 'problems');
    expect(problemsItem?.items.map((i) => i.zh)).toContain(`【待受理】${p.title}`);
    expect(problemsItem?.count).toBe(problemsItem?.items.length);
  });

  it('a finding whose transaction fails leaves no problem behind', async () => {
    const before = (await t.ctx.db.select().from(problems)).length;
    const res = await w.as.zzb.post('/api/supervision/visits/999999/findings', {
      projectId: w.project.id,
      description: '不存在的督办记录',
    });
    expect(res.statusCode).toBe(404);
    expect((await t.ctx.db.select().from(problems)).length).toBe(before);
  });
});
