import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-region.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { checkIdNumber } from '../src/domain/id-number.js';

let t: TestApp;
const as: Record<string, Agent> = {};
beforeAll(async () => {
  t = await createTestApp();
  expect(await loadDemoData(t.ctx)).toBe(true);
  for (const u of ['zzb', 'zhuanyuan', 'shuji']) as[u] = await t.login(u, DEMO_PASSWORD);
}, 120_000);
afterAll(async () => t?.close());

type P = { id: number; name: string; idNumber: string; statusLabel: string; flowWarning: { code: string } | null };

describe('demo people and pipeline', () => {
  it('a commissioner finds 张淑芬 by initials with the ID masked; org_dept reveals valid full ID numbers', async () => {
    const masked = (await as.zhuanyuan!.get('/api/people?q=zsf')).json();
    expect(masked.data.map((p: P) => p.name)).toContain('张淑芬');
    const z = masked.data.find((p: P) => p.name === '张淑芬');
    expect(z.idNumber).toMatch(/^410102\*{8}\d{3}[\dX]$/);
    const all = (await as.zzb!.get('/api/people?pageSize=200')).json().data as P[];
    const names = ['张淑芬', '郑海涛', '罗晓燕', '邵建军', '韦立新', '覃玉兰', '蒋德胜', '黎明辉'];
    for (const n of names) {
      const p = all.find((x) => x.name === n);
      expect(p, n).toBeDefined();
      expect(p!.idNumber, n).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      const full = (
        await as.zzb!.post(`/api/people/${p!.id}/reveal`, { field: 'idNumber', reason: '核对演示数据身份证号' })
      ).json() as { value: string };
      expect(checkIdNumber(full.value).ok, n).toBe(true);
    }
    expect(all.find((x) => x.name === '蒋德胜')!.flowWarning?.code).toBe('transfer_due');
  });

  it('the pipeline shows every stage, one extended probation, and a transfer in progress', async () => {
    const pipe = (await as.zzb!.get('/api/people/pipeline')).json();
    const byName = new Map<string, { stage: string; next: { key: string; dueOn: string } | null }>(
      pipe.data.map((x: { name: string }) => [x.name, x]),
    );
    expect(byName.get('郑海涛')?.stage).toBe('applicant');
    expect(byName.get('罗晓燕')?.stage).toBe('activist');
    expect(byName.get('邵建军')?.stage).toBe('candidate');
    expect(byName.get('韦立新')?.next?.key).toBe('full');
    const qin = (
      await as.zzb!.get(
        `/api/people/${(pipe.data as Array<{ name: string; personId: number }>).find((x) => x.name === '覃玉兰')!.personId}`,
      )
    ).json();
    expect(qin.development.extensionMonths).toBe(6);
    expect(qin.development.next.text).toContain('已延长预备期6个月');
    const transfers = (await as.zzb!.get('/api/people/transfers?status=issued')).json();
    expect(transfers.data.map((x: { personName: string }) => x.personName)).toContain('黎明辉');
  });

  it('the home page of the organisation department lists the transfer to receive and the pipeline dates due soon', async () => {
    const items = (await as.zzb!.get('/api/home')).json().items as Array<{
      key: string;
      title: string;
      count?: number;
    }>;
    // 黎明辉 to 铁山煤焦化 and a 华建 worker to the food park's temporary branch
    expect(items.find((i) => i.key === 'transfers-in')).toMatchObject({ title: '2 件组织关系转接待接收', count: 2 });
    const soon = items.find((i) => i.key === 'pipeline-due-soon');
    expect(soon?.count).toBe(2); // 郑海涛's talk and 韦立新's full membership
    expect(items.some((i) => i.key === 'pipeline-overdue')).toBe(false);
    const commissioner = (await as.zhuanyuan!.get('/api/home')).json().items as Array<{ key: string }>;
    expect(commissioner.some((i) => i.key === 'transfers-in')).toBe(false);
  });

  it('the branch secretary’s home says what needs him: the letter to receive, the members, the project’s problems', async () => {
    const items = (await as.shuji!.get('/api/home')).json().items as Array<{
      key: string;
      title: string;
      count?: number;
      link?: string;
    }>;
    expect(items.find((i) => i.key === 'transfers-in')).toMatchObject({ title: '1 件组织关系转接待接收', count: 1 });
    expect(items.find((i) => i.key === 'branch-members')).toMatchObject({
      title: '本支部党员 7 名（正式党员 6、预备党员 1），另有 2 名外单位党员参加本支部活动',
      count: 7,
    });
    const problems = items.find((i) => i.key === 'problems-branch-open');
    expect(problems?.count).toBeGreaterThan(0);
    expect(problems?.link).toBe('/problems');
    // the 临时党支部 keeps no term, so no 换届 line; nothing to rate or to sign is his
    expect(items.some((i) => i.key.startsWith('election-'))).toBe(false);
    expect(items.some((i) => i.key.startsWith('problems-to-'))).toBe(false);
  });
});
