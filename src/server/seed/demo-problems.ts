import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { orgUnits, problems, supervisionFindings } from '../db/schema/index.js';
import { chinaDate } from '../../domain/dates.js';
import type { ProblemEventData } from '../../domain/problem-events.js';
import { DEFAULT_SLA } from '../../domain/sla.js';
import { createCalendarStore } from '../modules/calendar/index.js';
import { appendEvents, writeProjection } from '../modules/problems/index.js';
import { slaPolicyFor } from '../modules/problems/index.js';
import type { DemoSeeder } from './demo-types.js';
import { lastQuarterVisit } from './demo-calendar.js';

interface DemoProblem {
  title: string;
  description: string;
  category: string;
  firm: string;
  project?: string;
  source?: 'firm' | 'supervision';
  /** Steps as [hours before now, who, event]; the first is always the raise. */
  steps: Array<[number, string, (no: Record<string, number>) => ProblemEventData]>;
}

const H = 3_600_000;
const D = 24;

/**
 * A few problems at every stage, so each demo account finds work: 组织部 one to accept and one to feed
 * back, 自然资源局 one to sign and one overdue, the firm one to rate and one closed on time.
 */
const DEMO: DemoProblem[] = [
  {
    title: '二期用地指标未下达',
    description: '先锋食品产业园二期用地指标迟迟未下达，影响冷库开工。',
    category: 'land',
    firm: 'food',
    project: 'XM-2026-001',
    steps: [
      [16 * D, 'qiye', () => ({ type: 'raised', source: 'firm', raiserUserId: null })],
      [16 * D - 3, 'zzb', (u) => ({ type: 'accepted', ownerUserId: u.zzb as number, ownerUnitId: u.zone as number })],
      [
        16 * D - 4,
        'zzb',
        (u) => ({
          type: 'dispatched',
          targets: [{ no: 1, deptUnitId: u.zrzy as number, role: 'lead', designated: false }],
          policy: { ...DEFAULT_SLA, answerDays: 10 },
          note: null,
        }),
      ],
      [15 * D, 'bumen', () => ({ type: 'signed', assignmentNo: 1 })],
      [
        9 * D,
        'bumen',
        () => ({ type: 'answered', assignmentNo: 1, text: '二期用地已纳入本年度供地计划，指标已下达。' }),
      ],
      [8 * D, 'zzb', () => ({ type: 'fed_back', text: '二期用地已纳入本年度供地计划，指标已下达。' })],
      [7 * D, 'qiye', () => ({ type: 'rated', rating: 'satisfied', comment: null })],
      [7 * D, 'qiye', () => ({ type: 'closed', reason: 'rated', answer: null, meetingId: null })],
    ],
  },
  {
    title: '进场道路未修通',
    description: '园区北侧进场道路未修通，大型设备无法进场。',
    category: 'road',
    firm: 'food',
    project: 'XM-2026-001',
    steps: [
      [12 * D, 'qiye', () => ({ type: 'raised', source: 'firm', raiserUserId: null })],
      [12 * D - 2, 'zzb', (u) => ({ type: 'accepted', ownerUserId: u.zzb as number, ownerUnitId: u.zone as number })],
      [
        12 * D - 3,
        'zzb',
        (u) => ({
          type: 'dispatched',
          targets: [
            { no: 1, deptUnitId: u.zj as number, role: 'lead', designated: false },
            { no: 2, deptUnitId: u.zrzy as number, role: 'co', designated: false },
          ],
          policy: DEFAULT_SLA,
          note: '请住建局牵头，自然资源局配合红线调整',
        }),
      ],
      [11 * D, 'bumen', () => ({ type: 'signed', assignmentNo: 2 })],
    ],
  },
  {
    title: '临时用电容量不足',
    description: '冷链中心施工临时用电容量不足，需增容 800 千伏安。',
    category: 'utilities',
    firm: 'logistics',
    project: 'XM-2026-002',
    steps: [
      [20, 'zhuanyuan', () => ({ type: 'raised', source: 'commissioner', raiserUserId: null })],
      [18, 'zzb', (u) => ({ type: 'accepted', ownerUserId: u.zzb as number, ownerUnitId: u.zone as number })],
      [
        17,
        'zzb',
        (u) => ({
          type: 'dispatched',
          targets: [{ no: 1, deptUnitId: u.zrzy as number, role: 'lead', designated: false }],
          policy: DEFAULT_SLA,
          note: null,
        }),
      ],
    ],
  },
  {
    title: '缺少电焊工 30 名',
    description: '主体施工阶段缺少持证电焊工 30 名，请人社部门协助招聘。',
    category: 'labour',
    firm: 'food',
    steps: [[5, 'qiye', () => ({ type: 'raised', source: 'firm', raiserUserId: null })]],
  },
  {
    title: '制氢装置设备基础施工滞后',
    // {visit}: last quarter's 季督办, as seeded by the projects' activity (demo-calendar.ts)
    description: '{visit}：制氢装置设备基础施工滞后，钢材供应未落实',
    category: 'other',
    firm: 'hydrogen',
    project: 'XM-2026-005',
    source: 'supervision',
    steps: [
      [6 * D, 'zzb', () => ({ type: 'raised', source: 'supervision', raiserUserId: null })],
      [6 * D - 1, 'zzb', (u) => ({ type: 'accepted', ownerUserId: u.zzb as number, ownerUnitId: u.zone as number })],
      [
        6 * D - 2,
        'zzb',
        (u) => ({
          type: 'dispatched',
          targets: [{ no: 1, deptUnitId: u.yj as number, role: 'lead', designated: true }],
          policy: DEFAULT_SLA,
          note: null,
        }),
      ],
    ],
  },
];

export const seedDemoProblems: DemoSeeder = async (tx, _ctx, refs) => {
  const cal = await createCalendarStore(tx as unknown as Db).get();
  const users = {
    qiye: refs.user('qiye'),
    zzb: refs.user('zzb'),
    bumen: refs.user('bumen'),
    zhuanyuan: refs.user('zhuanyuan'),
  } as Record<string, number>;
  const ids: Record<string, number> = {
    ...users,
    zone: refs.unit('zone'),
    zrzy: refs.unit('zrzy'),
    zj: refs.unit('zj'),
    yj: refs.unit('yj'),
  };
  const visit = lastQuarterVisit(chinaDate(refs.now));
  const visitLabel = `${visit.quarter} 季督办（党建引领项目攻坚督导组，${visit.on}）`;
  for (const p of DEMO) {
    const firmId = refs.unit(p.firm);
    const [firm] = await tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, firmId));
    const raisedAt = new Date(refs.now.getTime() - (p.steps[0]?.[0] ?? 0) * H);
    const raiser = users[p.steps[0]?.[1] ?? 'qiye'] ?? null;
    const [row] = await tx
      .insert(problems)
      .values({
        createdBy: p.source === 'supervision' ? null : raiser,
        source: p.source ?? (p.steps[0]?.[1] === 'zhuanyuan' ? 'commissioner' : 'firm'),
        category: p.category,
        title: p.title,
        description: p.description.replace('{visit}', visitLabel),
        firmUnitId: firmId,
        projectId: p.project ? refs.project(p.project) : null,
        scopePath: firm?.path ?? '/',
        raisedAt,
        raisedOn: chinaDate(raisedAt),
        status: 'submitted',
        updatedAt: refs.now,
      })
      .returning({ id: problems.id });
    const id = row?.id as number;
    if (p.source === 'supervision' && p.project) {
      // The 季督办 finding this problem came from records it, as the live flow does.
      await tx
        .update(supervisionFindings)
        .set({ problemId: id })
        .where(
          and(
            eq(supervisionFindings.projectId, refs.project(p.project)),
            like(supervisionFindings.description, `%${p.title}%`),
          ),
        );
    }
    const policy = await slaPolicyFor(tx, p.category);
    const items = p.steps.map(([hoursAgo, who, make]) => {
      const data = make(ids);
      const fixed: ProblemEventData =
        data.type === 'raised'
          ? { ...data, raiserUserId: p.source === 'supervision' ? null : raiser }
          : data.type === 'dispatched' && p.category !== 'land'
            ? { ...data, policy }
            : data;
      return {
        data: fixed,
        actor: { userId: users[who] ?? null, name: who, unitId: null },
        at: new Date(refs.now.getTime() - hoursAgo * H),
      };
    });
    const events = await appendEvents(tx, id, 0, items);
    await writeProjection(tx, id, events, cal);
  }
};
