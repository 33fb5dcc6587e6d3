import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildUnit } from './factories.js';
import { nextId, peopleWorld } from './people-helpers.js';
import { pinyinKey } from '../src/shared/pinyin.js';
import { permissionsOf } from '../src/shared/roles.js';
import { listPeople } from '../src/server/modules/people/people.repository.js';
import type { Actor } from '../src/server/actor.js';

/**
 * The search key of the people list (docs/decisions/025-people-…): letters match the full pinyin or
 * the initials by prefix (index ranges, no leading wildcard), 多音字 read as pinyinKey reads them;
 * results keep pinyin order; the total is exact up to the cap and an estimate above it.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let orgDept: Agent;
let branch: { id: number; path: string; name: string };
const NAMES = ['单雄信', '曾国藩', '长孙无忌', '重阳', '朝阳', '查良镛', '张三', '仇英', '解缙', 'Tom Li'];

beforeAll(async () => {
  t = await createTestApp();
  w = await peopleWorld(t);
  orgDept = await t.login(w.orgDept.username);
  branch = await buildUnit(t.ctx, { parentId: w.townB.id, kind: 'branch' });
  for (const name of NAMES) {
    const res = await orgDept.post('/api/people', {
      name,
      idNumber: nextId(),
      politicalStatus: 'full',
      relationOrgUnitId: branch.id,
    });
    expect(res.statusCode).toBe(200);
  }
});
afterAll(async () => t?.close());

const names = async (q: string) => {
  const res = await orgDept.get(`/api/people?orgId=${branch.id}&pageSize=200&q=${encodeURIComponent(q)}`);
  expect(res.statusCode).toBe(200);
  return (res.json().data as Array<{ name: string }>).map((p) => p.name);
};

describe('people search key', () => {
  it('reads 多音字 names as pinyinKey does: one space, initials beginning with the full spelling’s letter', () => {
    expect(NAMES.map(pinyinKey)).toEqual([
      'danxiongxin dxx',
      'cengguofan cgf',
      'zhangsunwuji zswj',
      'chongyang cy',
      'chaoyang cy',
      'chaliangyong cly',
      'zhangsan zs',
      'chouying cy',
      'jiejin jj',
      'tomli tomli',
    ]);
    // the list finds initials in the range of their first letter (searchCondition): this must hold
    for (const name of [...NAMES, '阿依古丽·买买提', '3号', '万俟卨', '尉迟恭', '覃明', '缪斯']) {
      const parts = pinyinKey(name).split(' ');
      expect(parts, name).toHaveLength(2);
      expect(parts[1]!.slice(0, 1), name).toBe(parts[0]!.slice(0, 1));
    }
  });

  it('finds by the initials of 多音字 names, by full pinyin prefix, upper or lower case', async () => {
    expect(await names('dxx')).toEqual(['单雄信']);
    expect(await names('cgf')).toEqual(['曾国藩']);
    expect(await names('zswj')).toEqual(['长孙无忌']);
    expect(await names('zhangsun')).toEqual(['长孙无忌']);
    expect(await names('CLY')).toEqual(['查良镛']);
    expect(await names('shan')).toEqual([]);
    expect(await names('tom')).toEqual(['Tom Li']);
    expect(await names('xx')).toEqual([]);
    expect(await names('单')).toEqual(['单雄信']);
  });

  it('keeps pinyin order over full-spelling and initial matches together', async () => {
    // "cy" is the initials of 朝阳, 仇英, 重阳; "c" also matches 曾国藩 and 查良镛 by spelling
    expect(await names('cy')).toEqual(['朝阳', '重阳', '仇英']);
    expect(await names('c')).toEqual(['曾国藩', '查良镛', '朝阳', '重阳', '仇英']);
    expect(await names('ch')).toEqual(['查良镛', '朝阳', '重阳', '仇英']);
    // "zs": 张三 by initials and 长孙无忌 by initials, by spelling order
    expect(await names('zs')).toEqual(['张三', '长孙无忌']);
    expect(await names('zhangs')).toEqual(['张三', '长孙无忌']);
  });

  it('counts exactly up to the cap, estimates above it (flagged), never below what it counted', async () => {
    const exact = (await orgDept.get(`/api/people?orgId=${branch.id}`)).json();
    expect(exact.total).toBe(NAMES.length);
    expect(exact.totalEstimated).toBeUndefined();
    const actor: Actor = {
      userId: w.orgDept.id,
      username: w.orgDept.username,
      displayName: 'probe',
      roles: ['org_dept'],
      permissions: permissionsOf(['org_dept']),
      scope: { unitId: w.region.id, path: w.region.path, kind: 'org', unitKind: 'region', name: w.region.name },
      sessionId: 'probe',
      ip: '127.0.0.1',
      requestId: 'probe',
      lang: 'zh',
    };
    const f = { orgId: branch.id, sort: 'name' as const, page: 1, pageSize: 3 };
    const capped = await listPeople(t.ctx.db, actor, f, t.ctx.cipher, { countCap: 4 });
    expect(capped.estimated).toBe(true);
    expect(capped.total).toBeGreaterThanOrEqual(5);
    expect(capped.rows.map((r) => r.person.name)).toEqual(['曾国藩', '查良镛', '朝阳']);
    const under = await listPeople(t.ctx.db, actor, f, t.ctx.cipher, { countCap: NAMES.length });
    expect(under).toMatchObject({ total: NAMES.length, estimated: false });
  });
});

describe('list paths at a province (decision 034)', () => {
  const probe = (scope: { id: number; path: string; name: string }, unitKind: string): Actor => ({
    userId: w.orgDept.id,
    username: w.orgDept.username,
    displayName: 'probe',
    roles: ['org_dept'],
    permissions: permissionsOf(['org_dept']),
    scope: { unitId: scope.id, path: scope.path, kind: 'org', unitKind, name: scope.name } as Actor['scope'],
    sessionId: 'probe',
    ip: '127.0.0.1',
    requestId: 'probe',
    lang: 'zh',
  });

  it('a narrow list’s page, ids first, equals the pinyin index walk, page by page, whatever the filter', async () => {
    const extra = ['欧阳修', '阿斗', '张三', '张三丰', '白居易', '张飞', '赵云', '阿房'];
    for (const [i, name] of extra.entries()) {
      const res = await orgDept.post('/api/people', {
        name,
        idNumber: nextId(),
        politicalStatus: i % 3 ? 'full' : 'probationary',
        relationOrgUnitId: i % 2 ? branch.id : w.branchA.id,
        employerName: i % 2 ? `南通第${i}建筑工程有限公司` : `启东港务集团${i}号`,
      });
      expect(res.statusCode).toBe(200);
    }
    const cases: Array<[Actor, Record<string, unknown>]> = [
      [probe(w.townB, 'township'), {}],
      [probe(w.townA, 'township'), {}],
      [probe(w.region, 'region'), { orgId: branch.id }],
      [probe(w.townB, 'township'), { politicalStatus: 'full' }],
      [probe(w.region, 'region'), { q: 'z' }],
      [probe(w.region, 'region'), {}],
    ];
    let compared = 0;
    for (const [actor, filter] of cases)
      for (const page of [1, 2, 3]) {
        const f = { sort: 'name' as const, page, pageSize: 3, ...filter };
        const idsFirst = await listPeople(t.ctx.db, actor, f, t.ctx.cipher, { countCap: 5000 });
        const walked = await listPeople(t.ctx.db, actor, f, t.ctx.cipher, { countCap: 0 });
        expect(idsFirst.estimated).toBe(false);
        expect(walked.estimated).toBe(true);
        expect(
          idsFirst.rows.map((r) => [r.person.id, r.orgName]),
          JSON.stringify(filter),
        ).toEqual(walked.rows.map((r) => [r.person.id, r.orgName]));
        compared += idsFirst.rows.length;
      }
    expect(compared).toBeGreaterThan(20);
  });

  it('工作单位 finds a substring of the employer (trigram index), in pinyin order', async () => {
    const all = await listPeople(
      t.ctx.db,
      probe(w.region, 'region'),
      { sort: 'name', page: 1, pageSize: 200 },
      t.ctx.cipher,
    );
    for (const q of ['建筑工程', '港务集团', '第3建筑', '无此单位']) {
      const res = await orgDept.get(`/api/people?pageSize=200&employer=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      const expected = all.rows.filter((r) => r.person.employerName?.includes(q)).map((r) => r.person.id);
      expect(
        (res.json().data as Array<{ id: number }>).map((p) => p.id),
        q,
      ).toEqual(expected);
    }
    expect(all.rows.filter((r) => r.person.employerName?.includes('建筑工程')).length).toBe(4);
  });
});
