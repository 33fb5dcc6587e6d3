import { asc, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import {
  approvalItems,
  dispatchReports,
  observationEvents,
  observationProjects,
  observationScores,
  orgUnits,
  projectInvestments,
  projects,
  projectWarningMonths,
  supervisionFindings,
  supervisionVisits,
} from '../db/schema/index.js';
import { SYSTEM_ACTOR, type AuditActor } from '../actor.js';
import { inSubtree } from '../scope.js';
import { addWorkingDays, type CalendarData } from '../../domain/calendar.js';
import { addDays, chinaDate, type IsoDate } from '../../domain/dates.js';
import { addMonths, lastDayOfMonth, monthsBetween } from '../../domain/months.js';
import { computeWarning } from '../../domain/warnings.js';
import { DEFAULT_CRITERIA, sheetTotal } from '../../domain/scoring.js';
import { APPROVAL_TEMPLATE } from '../../shared/approval-items.js';
import { requiresDispatch, stageIndex, type ProjectStage } from '../../shared/project-stages.js';
import { calendarWith } from '../modules/warnings/index.js';
import { recomputeWarnings } from '../modules/warnings/index.js';
import { writeHistory } from '../modules/projects/index.js';
import { listProjects } from '../modules/projects/index.js';
import { buildSnapshots, defaultDispatchMonth } from '../modules/dispatch/index.js';
import type { DemoRefs, DemoSeeder } from './demo-types.js';
import { lastHalfObservation, lastQuarterVisit, thisQuarterVisit } from './demo-calendar.js';
import type { DemoProject } from './demo-project-data.js';

export interface DemoPlan {
  id: number;
  spec: DemoProject;
  nodes: Array<{ name: string; stage: string | null; planned: IsoDate | null; actual: IsoDate | null }>;
}

/** Noon (China) of a past demo day, never after the server clock's now: demo history is never dated ahead of it. */
const noon = (d: IsoDate, now: Date) => {
  const at = new Date(`${d}T04:00:00Z`);
  return at > now ? now : at;
};
const who = (refs: DemoRefs, username: string): AuditActor => ({
  userId: refs.user(username),
  name: username,
  scopePath: '/',
  ip: null,
  requestId: null,
});

/** Approval dates that follow the project's own history (signed → land → started), in working days. */
function approvalDates(cal: CalendarData, plan: DemoPlan, today: IsoDate): Map<string, [IsoDate, IsoDate | null]> {
  const out = new Map<string, [IsoDate, IsoDate | null]>();
  const p = plan.spec;
  const signed = plan.nodes.find((n) => n.name === '签约')?.actual;
  const k = plan.id % 5;
  const step = (code: string, submitted: IsoDate, days: number): IsoDate | null => {
    if (submitted > today) return null;
    const done = addWorkingDays(cal, submitted, days);
    out.set(code, [submitted, done <= today ? done : null]);
    return done <= today ? done : null;
  };
  try {
    if (!signed || stageIndex(p.stage) < stageIndex('land')) return out;
    const lx = step('lixiang', addDays(signed, 3), 2 + (k % 2));
    const yd = lx && step('yongdi', addDays(lx, 5), 14 + k);
    if (p.code === 'XM-2026-002') out.set('guihua', [addDays(today, -30), null]);
    if (!yd || stageIndex(p.stage) < stageIndex('started')) return out;
    const gh = step('guihua', addDays(yd, 3), 7 + (k % 3));
    const sg = gh && step('shigong', addDays(gh, 2), 3 + (k % 3));
    if (sg) step('zhian', sg, 2);
    const n = Number(p.code.slice(-3));
    if (p.startedOn && (n <= 3 || n % 3 === 0))
      step('fenduan', addDays(p.startedOn, 95), 4 + (n % 6) + (n === 111 ? 8 : 0));
  } catch {
    // a date outside the loaded calendar years: leave the rest of the chart empty
  }
  return out;
}

async function seedApprovals(
  tx: Tx,
  cal: CalendarData,
  refs: DemoRefs,
  plans: DemoPlan[],
  today: IsoDate,
): Promise<void> {
  const [zone] = await tx
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(sql`${orgUnits.id} = ${refs.unit('zone')}`);
  const depts = await tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(sql`${orgUnits.kind} = 'department' and ${inSubtree(orgUnits.path, zone?.path ?? '/')}`);
  const rows = plans.flatMap((plan) => {
    const dates = approvalDates(cal, plan, today);
    return APPROVAL_TEMPLATE.map((t, seq) => {
      const [submittedOn, completedOn] = dates.get(t.code) ?? [null, null];
      return {
        projectId: plan.id,
        code: t.code,
        name: t.zh,
        nameEn: t.en,
        phase: t.phase,
        seq,
        departmentUnitId: depts.find((d) => d.name === t.department)?.id ?? null,
        targetDays: t.targetDays,
        isAcceptance: t.isAcceptance,
        documents: t.documents.map((name) => ({ name, provided: submittedOn !== null })),
        submittedOn,
        completedOn,
        updatedAt: refs.now,
      };
    });
  });
  await tx.insert(approvalItems).values(rows);
}

/** Investment by month from the start to last month, shaped around a tenth of the annual plan. */
async function seedInvestments(tx: Tx, plans: DemoPlan[], today: IsoDate, now: Date): Promise<void> {
  const last = addMonths(today.slice(0, 7), -1);
  const rows = plans.flatMap((plan) => {
    const s = plan.spec;
    if (!s.startedOn || stageIndex(s.stage) < stageIndex('started')) return [];
    return monthsBetween(s.startedOn.slice(0, 7), last).map((month, i) => ({
      projectId: plan.id,
      month,
      amount: Math.round((s.annual / 10) * (0.6 + ((i * 7 + plan.id) % 9) / 10) * 100) / 100,
      updatedAt: noon(addDays(lastDayOfMonth(month), 3), now),
    }));
  });
  if (rows.length) await tx.insert(projectInvestments).values(rows);
}

/** The colour of each past month as it was then: nodes reached later count as open, no forecasts yet. */
async function seedWarningHistory(
  tx: Tx,
  cal: CalendarData,
  plans: DemoPlan[],
  today: IsoDate,
  now: Date,
): Promise<void> {
  const rows = plans.flatMap((plan) => {
    const s = plan.spec;
    // the 月调度 history reaches back six months from the month the demo loads
    const floor = addMonths(today.slice(0, 7), -6);
    const since = plan.nodes[0]?.planned?.slice(0, 7) ?? floor;
    return monthsBetween(since > floor ? since : floor, addMonths(today.slice(0, 7), -1)).flatMap((month) => {
      const asOf = lastDayOfMonth(month);
      const started = s.startedOn && s.startedOn <= asOf;
      const nodes = plan.nodes.map((n, seq) => ({
        name: n.name,
        stage: n.stage,
        seq,
        plannedDate: n.planned,
        actualDate: n.actual && n.actual <= asOf ? n.actual : null,
      }));
      try {
        const w = computeWarning(
          cal,
          {
            stage: started ? s.stage : 'land',
            plannedStart: s.plannedStart,
            plannedEnd: s.plannedEnd,
            startedOn: started ? (s.startedOn ?? null) : null,
            progress: null,
            nodes,
          },
          asOf,
        );
        return [
          {
            projectId: plan.id,
            month,
            colour: w.colour,
            worstColour: w.colour,
            reasons: w.reasons,
            rulesVersion: 0,
            computedAt: noon(asOf, now),
          },
        ];
      } catch {
        return [];
      }
    });
  });
  if (rows.length) await tx.insert(projectWarningMonths).values(rows);
}

async function seedHistory(tx: Tx, refs: DemoRefs, plans: DemoPlan[], today: IsoDate): Promise<void> {
  const now = refs.now;
  for (const plan of plans) {
    const s = plan.spec;
    const registered = addDays(s.plannedStart < today ? s.plannedStart : today, -60);
    await writeHistory(tx, who(refs, 'zzb'), noon(registered, now), [
      {
        projectId: plan.id,
        kind: 'registered',
        text: { zh: `登记项目「${s.name}」（${s.code}）`, en: `Registered “${s.name}” (${s.code})` },
      },
    ]);
    const reporter = who(refs, s.commissioner ?? 'zzb');
    for (const n of plan.nodes.filter((x) => x.actual))
      await writeHistory(tx, reporter, noon(n.actual as IsoDate, now), [
        {
          projectId: plan.id,
          kind: 'node_actual',
          text: {
            zh: `节点「${n.name}」完成，实际 ${n.actual}（计划 ${n.planned ?? '未定'}）`,
            en: `Node “${n.name}” reached on ${n.actual}`,
          },
        },
      ]);
    if (s.progress !== undefined)
      await writeHistory(tx, reporter, noon(addDays(today, -3), now), [
        {
          projectId: plan.id,
          kind: 'progress',
          text: { zh: `形象进度更新为 ${s.progress}%`, en: `Progress updated to ${s.progress}%` },
        },
      ]);
    if (s.code === 'XM-2026-003')
      await writeHistory(tx, who(refs, 'zzb'), noon(addDays(today, -110), now), [
        {
          projectId: plan.id,
          kind: 'node_plan',
          text: {
            zh: '节点「竣工」计划由 2026-11-30 调整为 2026-12-31（原因：设计变更，增加幕墙工程）',
            en: 'Node “Completed” plan moved from 2026-11-30 to 2026-12-31 (design change)',
          },
          before: { plannedDate: '2026-11-30' },
          after: { plannedDate: '2026-12-31' },
        },
      ]);
  }
}

/**
 * 月调度 of last month: confirmed by the commissioner (or the organisation department), three left missing.
 * A seeder of its own, run after the demo problems: the snapshot lists the 未办结事项 open when it was
 * confirmed, so it is built once every open item (problems, findings) exists, as the live confirmation does.
 */
export const seedDemoDispatch: DemoSeeder = async (tx, _ctx, refs) => {
  const now = refs.now;
  const today = chinaDate(now);
  const month = defaultDispatchMonth(today);
  const missing = new Set(['XM-2026-005', 'XM-2026-109', 'XM-2026-115']);
  const all = await tx
    .select({ id: projects.id, code: projects.code, stage: projects.stage, commissioner: projects.commissionerUserId })
    .from(projects)
    .orderBy(asc(projects.code));
  const due = all.filter((p) => requiresDispatch(p.stage as ProjectStage) && !missing.has(p.code));
  if (due.length === 0) return;
  const { rows } = await listProjects(
    tx,
    { userId: 0, scope: { unitId: 0, path: '/', kind: 'org', unitKind: 'region', name: '' } },
    { page: 1, pageSize: 500, sort: 'code' },
    today.slice(0, 4),
    inArray(
      projects.id,
      due.map((p) => p.id),
    ),
  );
  const snaps = await buildSnapshots(tx, rows, month);
  const at = noon(addDays(lastDayOfMonth(month), 4), now);
  const zhuanyuan = refs.user('zhuanyuan');
  for (const p of due) {
    const by = p.commissioner ?? refs.user('zzb');
    await tx.insert(dispatchReports).values({
      projectId: p.id,
      month,
      snapshot: snaps.get(p.id),
      remarks: p.code === 'XM-2026-001' ? '主体结构施工有序推进，设备采购招标已完成' : null,
      confirmedBy: by,
      confirmedByName: by === zhuanyuan ? '张伟' : '王建国',
      confirmedAt: at,
    });
  }
};

async function seedSupervision(tx: Tx, refs: DemoRefs, today: IsoDate): Promise<void> {
  const now = refs.now;
  const visits: Array<{ quarter: string; on: IsoDate; findings: Array<[string, string, boolean]> }> = [
    {
      ...lastQuarterVisit(today),
      findings: [
        ['XM-2026-005', '制氢装置设备基础施工滞后，钢材供应未落实', false],
        ['XM-2026-003', '幕墙施工高处作业安全防护不到位', true],
        ['XM-2026-114', '钢结构吊装专项方案未报审', false],
      ],
    },
    {
      ...thisQuarterVisit(today),
      findings: [
        ['XM-2026-004', '安置房三期劳务班组不足，进度滞后于计划', false],
        ['XM-2026-001', '农民工工资专户台账不完整', true],
      ],
    },
  ];
  for (const v of visits) {
    const [row] = await tx
      .insert(supervisionVisits)
      .values({
        unitId: refs.unit('zone'),
        quarter: v.quarter,
        groupName: '党建引领项目攻坚督导组',
        visitedOn: v.on,
        members: '王建国（组长）、刘振华、孙立',
        summary: '对重点项目一对一动态跟踪，现场查看进度与党建工作，梳理难点堵点。',
        createdBy: refs.user('zzb'),
        createdAt: noon(v.on, now),
      })
      .returning({ id: supervisionVisits.id });
    await tx.insert(supervisionFindings).values(
      v.findings.map(([code, description, resolved]) => ({
        visitId: row?.id as number,
        projectId: refs.project(code),
        description,
        status: resolved ? 'resolved' : 'open',
        resolution: resolved ? '已整改到位，督导组复查通过' : null,
        resolvedAt: resolved ? noon(addDays(v.on, 10), now) : null,
        createdBy: refs.user('zzb'),
        createdAt: noon(v.on, now),
      })),
    );
  }
}

async function seedObservation(tx: Tx, refs: DemoRefs, today: IsoDate): Promise<void> {
  const now = refs.now;
  const held = lastHalfObservation(today);
  const codes = ['XM-2026-001', 'XM-2026-003', 'XM-2026-004', 'XM-2026-005', 'XM-2026-101'];
  const [e] = await tx
    .insert(observationEvents)
    .values({
      unitId: refs.unit('zone'),
      title: held.title,
      half: held.half,
      heldOn: held.heldOn,
      criteria: DEFAULT_CRITERIA,
      createdBy: refs.user('zzb'),
      createdAt: noon(held.announcedOn, now),
    })
    .returning({ id: observationEvents.id });
  const eventId = e?.id as number;
  await tx.insert(observationProjects).values(codes.map((c, seq) => ({ eventId, projectId: refs.project(c), seq })));
  const scorers = ['刘振华', '王建国', '督导组'];
  await tx.insert(observationScores).values(
    codes.flatMap((c, i) =>
      scorers.map((scorerName, j) => {
        const scores = Object.fromEntries(
          DEFAULT_CRITERIA.map((k, x) => [
            k.key,
            Math.max(0, k.max - ((i * 3 + j + x) % 6) - (c === 'XM-2026-005' ? 5 : 0)),
          ]),
        );
        return {
          eventId,
          projectId: refs.project(c),
          scorerName,
          scores,
          total: sheetTotal(DEFAULT_CRITERIA, scores),
          enteredBy: refs.user('zzb'),
          enteredAt: noon(held.heldOn, now),
        };
      }),
    ),
  );
}

/** Everything that happened to the demo projects, then their warnings as of the day the demo loads. */
export async function seedDemoProjectActivity(
  tx: Tx,
  _ctx: AppContext,
  refs: DemoRefs,
  plans: DemoPlan[],
): Promise<void> {
  const cal = await calendarWith(tx);
  const today = chinaDate(refs.now);
  await seedApprovals(tx, cal, refs, plans, today);
  await seedInvestments(tx, plans, today, refs.now);
  await seedWarningHistory(tx, cal, plans, today, refs.now);
  await seedHistory(tx, refs, plans, today);
  await seedSupervision(tx, refs, today);
  await seedObservation(tx, refs, today);
  await recomputeWarnings(
    tx,
    plans.map((p) => p.id),
    { cal, today, now: refs.now, who: SYSTEM_ACTOR },
  );
}
