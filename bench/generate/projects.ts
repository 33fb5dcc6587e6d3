import { inArray, sql } from 'drizzle-orm';
import {
  approvalItems,
  orgUnits,
  projectHistory,
  projectInvestments,
  projectNodes,
  projects,
  projectWarningMonths,
} from '../../src/server/db/schema/index.js';
import { calendarWith } from '../../src/server/modules/warnings/calendar-of.js';
import { addDays, chinaDate, type IsoDate } from '../../src/domain/dates.js';
import { addMonths, lastDayOfMonth, monthsBetween } from '../../src/domain/months.js';
import { computeWarning, plannedProgressAt, type WarningNode } from '../../src/domain/warnings.js';
import { APPROVAL_TEMPLATE } from '../../src/shared/approval-items.js';
import { DEFAULT_NODES, PROJECT_STAGES, stageIndex, type ProjectStage } from '../../src/shared/project-stages.js';
import { pinyinKey } from '../../src/shared/pinyin.js';
import type { CalendarData } from '../../src/domain/calendar.js';
import type { Rng } from './rng.js';
import { inBatches } from './batch.js';
import type { Generator } from './types.js';

const INDUSTRIES = [
  '食品加工',
  '新材料',
  '电子信息',
  '装备制造',
  '氢能',
  '煤焦化工',
  '物流',
  '建筑施工',
  '生物医药',
  '纺织服装',
];
const CHAINS = ['食品', '煤—焦—氢', '新材料', '装备制造', null, null];
const WORDS = ['智能', '绿色', '精密', '数字', '高端', '循环', '冷链', '新型', '现代', '综合'];
const RANK = { blue: 0, yellow: 1, red: 2 } as const;
const CHUNK = 5000;

const day = (d: IsoDate, n: number) => addDays(d, n);

interface Plan {
  i: number;
  stage: ProjectStage;
  township: number;
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  startedOn: IsoDate | null;
  progress: number | null;
  annual: number;
  nodes: Array<WarningNode & { stage: string }>;
}

/**
 * One project's schedule: plans spread around today; a node whose plan has passed was usually reached
 * (mostly on time, sometimes late), the chain stops at the first one that was not, and the stage is the
 * last node reached — so the colours come out as a realistic mix.
 */
function planProject(rng: Rng, i: number, townships: number[], today: IsoDate): Plan {
  const plannedStart = day(today, rng.int(-600, 240));
  const plannedEnd = day(plannedStart, rng.int(360, 900));
  const offsets: Record<string, number> = {
    signed: -rng.int(90, 200),
    land: -rng.int(20, 80),
    started: 0,
    topped_out: Math.round((rng.int(40, 60) / 100) * 500),
    completed: 0,
    operating: rng.int(30, 120),
  };
  let stage: ProjectStage = 'negotiating';
  let open = false;
  const nodes = DEFAULT_NODES.map((n, k) => {
    const planned =
      n.stage === 'completed'
        ? plannedEnd
        : n.stage === 'operating'
          ? day(plannedEnd, offsets.operating ?? 60)
          : day(plannedStart, offsets[n.stage] ?? 0);
    let actual: IsoDate | null = null;
    if (!open && planned <= day(today, 10) && rng.chance(0.97)) {
      actual = day(planned, rng.chance(0.12) ? rng.int(1, 30) : -rng.int(0, 6));
      if (actual > today) actual = today;
      stage = n.stage;
    } else open = true;
    const expected = !actual && rng.chance(0.08) ? day(planned, rng.int(2, 20)) : null;
    return {
      name: PROJECT_STAGES[n.stage].zh,
      nameEn: PROJECT_STAGES[n.stage].en,
      stage: n.stage,
      seq: (k + 1) * 10,
      plannedDate: planned,
      actualDate: actual,
      expectedDate: expected,
      plannedPercent: n.plannedPercent,
    };
  });
  const startedOn = nodes.find((n) => n.stage === 'started')?.actualDate ?? null;
  const planned = plannedProgressAt({ plannedStart, plannedEnd, nodes }, today) ?? 0;
  const progress = startedOn
    ? Math.max(0, Math.min(100, Math.round(planned - rng.int(-5, rng.chance(0.15) ? 40 : 8))))
    : null;
  return {
    i,
    stage,
    township: rng.pick(townships),
    plannedStart,
    plannedEnd,
    startedOn,
    progress,
    annual: rng.int(5, 300) * 100,
    nodes,
  };
}

function warningOf(cal: CalendarData, p: Plan, asOf: IsoDate, withProgress: boolean) {
  const nodes = p.nodes.map((n) => ({
    ...n,
    actualDate: n.actualDate && n.actualDate <= asOf ? n.actualDate : null,
    expectedDate: withProgress ? n.expectedDate : null,
  }));
  const started = p.startedOn !== null && p.startedOn <= asOf;
  try {
    return computeWarning(
      cal,
      {
        stage: started ? p.stage : stageIndex(p.stage) >= stageIndex('started') ? 'land' : p.stage,
        plannedStart: p.plannedStart,
        plannedEnd: p.plannedEnd,
        startedOn: started ? p.startedOn : null,
        progress: withProgress ? p.progress : null,
        nodes,
      },
      asOf,
    );
  } catch {
    return null;
  }
}

/**
 * SCALES[scale].projects projects of the generated region, each with its six time nodes, the approval
 * chart, investment by month, a history and the colour of the last months — reproducible from the seed.
 * Inserted in chunks with multi-row INSERTs.
 */
export const generateProjects: Generator = async (g) => {
  const { ctx, rng, scale, refs } = g;
  const cal = await calendarWith(ctx.db);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const lastMonth = addMonths(today.slice(0, 7), -1);
  const depts = await ctx.db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(inArray(orgUnits.id, refs.departmentIds));
  const deptOf = new Map(
    APPROVAL_TEMPLATE.map((t) => [t.code, depts.find((d) => d.name === t.department)?.id ?? null]),
  );
  const leader = refs.userIds.gen_lingdao ?? null;
  const commissioner = refs.userIds.gen_zhuanyuan ?? null;
  let counts = { nodes: 0, investments: 0, months: 0, approvals: 0 };
  for (let base = 0; base < scale.projects; base += CHUNK) {
    const plans = Array.from({ length: Math.min(CHUNK, scale.projects - base) }, (_, k) =>
      planProject(rng, base + k + 1, refs.townshipIds, today),
    );
    const rows = plans.map((p) => {
      const w = warningOf(cal, p, today, true);
      const name = `${rng.pick(WORDS)}${rng.pick(INDUSTRIES)}项目${p.i}`;
      const inFirstTown = p.township === refs.townshipIds[0];
      return {
        code: `G${refs.regionId}-${String(p.i).padStart(6, '0')}`,
        name,
        pinyin: pinyinKey(name),
        kind: 'industry',
        industry: rng.pick(INDUSTRIES),
        chain: rng.pick(CHAINS),
        level: rng.chance(0.2) ? rng.pick(['province', 'city', 'county']) : null,
        stage: p.stage,
        regionUnitId: refs.regionId,
        townshipUnitId: p.township,
        ownerFirmUnitId: rng.pick(refs.firmIds),
        leadUnitId: rng.pick(refs.departmentIds),
        leaderUserId: rng.chance(0.1) ? leader : null,
        commissionerUserId: inFirstTown && rng.chance(0.3) ? commissioner : null,
        managerName: `经理${p.i}`,
        totalInvestment: p.annual * rng.int(2, 5),
        annualPlanInvestment: p.annual,
        jobs: rng.int(10, 800),
        plannedStart: p.plannedStart,
        plannedEnd: p.plannedEnd,
        startedOn: p.startedOn,
        progress: p.progress,
        progressOn: p.progress === null ? null : today,
        warningColour: w?.colour ?? 'blue',
        warningRank: RANK[w?.colour ?? 'blue'],
        warningReasons: w?.reasons ?? [],
        plannedProgress: w?.plannedProgress ?? null,
        warningComputedAt: now,
        createdAt: now,
        updatedAt: now,
      };
    });
    const ids = new Map<string, number>();
    await inBatches(rows, 2000, async (batch) => {
      for (const r of await ctx.db.insert(projects).values(batch).returning({ id: projects.id, code: projects.code }))
        ids.set(r.code, r.id);
    });
    const idOf = (p: Plan) => ids.get(`G${refs.regionId}-${String(p.i).padStart(6, '0')}`) as number;
    refs.projectIds.push(...plans.map(idOf));

    const nodes = plans.flatMap((p) =>
      p.nodes.map((n) => ({
        projectId: idOf(p),
        seq: n.seq,
        stage: n.stage,
        name: n.name,
        nameEn: n.nameEn ?? null,
        plannedDate: n.plannedDate,
        actualDate: n.actualDate,
        expectedDate: n.expectedDate ?? null,
        plannedPercent: n.plannedPercent ?? null,
        responsibleName: `经理${p.i}`,
        updatedAt: now,
      })),
    );
    await inBatches(nodes, 2000, (b) => ctx.db.insert(projectNodes).values(b));
    const investments = plans.flatMap((p) =>
      p.startedOn && p.startedOn.slice(0, 7) <= lastMonth
        ? monthsBetween(p.startedOn.slice(0, 7), lastMonth)
            .slice(-18)
            .map((month, k) => ({
              projectId: idOf(p),
              month,
              amount: Math.round((p.annual / 12) * (0.5 + ((k * 7 + p.i) % 10) / 10)),
              updatedAt: now,
            }))
        : [],
    );
    await inBatches(investments, 3000, (b) => ctx.db.insert(projectInvestments).values(b));
    const months = plans.flatMap((p) =>
      monthsBetween(addMonths(today.slice(0, 7), -5), today.slice(0, 7)).flatMap((month) => {
        const asOf = month === today.slice(0, 7) ? today : lastDayOfMonth(month);
        const w = warningOf(cal, p, asOf, month === today.slice(0, 7));
        return w
          ? [
              {
                projectId: idOf(p),
                month,
                colour: w.colour,
                worstColour: w.colour,
                reasons: w.reasons,
                rulesVersion: 0,
                computedAt: now,
              },
            ]
          : [];
      }),
    );
    await inBatches(months, 2000, (b) => ctx.db.insert(projectWarningMonths).values(b));
    const history = plans.flatMap((p) => [
      {
        projectId: idOf(p),
        at: now,
        actorId: null,
        actorName: 'generator',
        kind: 'registered',
        zh: `登记项目（${p.i}）`,
        en: `Registered (${p.i})`,
      },
      ...(rng.chance(0.1)
        ? [
            {
              projectId: idOf(p),
              at: now,
              actorId: null,
              actorName: 'generator',
              kind: 'node_plan',
              zh: '节点「主体封顶」计划调整',
              en: 'Topping-out plan moved',
            },
          ]
        : []),
    ]);
    await inBatches(history, 3000, (b) => ctx.db.insert(projectHistory).values(b));
    const approvals = plans.flatMap((p) =>
      APPROVAL_TEMPLATE.map((t, seq) => {
        const reached =
          (t.phase === 'preparation' && stageIndex(p.stage) >= stageIndex('land')) ||
          (t.phase === 'construction' && p.startedOn !== null) ||
          (t.code === 'fenduan' && stageIndex(p.stage) >= stageIndex('topped_out')) ||
          (t.code === 'jungong' && stageIndex(p.stage) >= stageIndex('completed'));
        const submittedOn = reached ? day(p.plannedStart, -60 + seq * 20 + (t.phase === 'acceptance' ? 300 : 0)) : null;
        const completedOn = submittedOn ? day(submittedOn, rng.int(3, t.targetDays + 10)) : null;
        return {
          projectId: idOf(p),
          code: t.code,
          name: t.zh,
          nameEn: t.en,
          phase: t.phase,
          seq,
          departmentUnitId: deptOf.get(t.code) ?? null,
          targetDays: t.targetDays,
          isAcceptance: t.isAcceptance,
          documents: t.documents.map((name) => ({ name, provided: reached })),
          submittedOn: submittedOn && submittedOn <= today ? submittedOn : null,
          completedOn: completedOn && completedOn <= today ? completedOn : null,
          updatedAt: now,
        };
      }),
    );
    await inBatches(approvals, 2000, (b) => ctx.db.insert(approvalItems).values(b));
    counts = {
      nodes: counts.nodes + nodes.length,
      investments: counts.investments + investments.length,
      months: counts.months + months.length,
      approvals: counts.approvals + approvals.length,
    };
    g.log(`  projects: ${Math.min(base + CHUNK, scale.projects)} / ${scale.projects}`);
  }
  // fresh statistics after a bulk load, or the planner keeps its empty-table estimates
  await ctx.db.execute(sql`analyze`);
  g.log(
    `projects: ${scale.projects} projects, ${counts.nodes} nodes, ${counts.approvals} approval items, ${counts.investments} investment months, ${counts.months} warning months`,
  );
};
