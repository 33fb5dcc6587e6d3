import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/server/db/client.js';
import { chinaDate } from '../../src/domain/dates.js';
import { eventPayload, type ProblemEvent, type ProblemEventData } from '../../src/domain/problem-events.js';
import { foldProblem } from '../../src/domain/problem-flow.js';
import { DEFAULT_SLA } from '../../src/domain/sla.js';
import { projectAssignments, projectProblem } from '../../src/server/modules/problems/problem.projection.js';
import { PROBLEM_CATEGORIES } from '../../src/shared/problem-categories.js';
import type { Rng } from './rng.js';
import type { Generator } from './types.js';
import { unnestInsert } from './unnest.js';

const HOUR = 3_600_000;
const TEXTS: Record<string, string[]> = {
  land: ['用地指标未下达', '土地征收补偿未完成', '临时用地审批慢'],
  planning: ['规划条件调整未批复', '总平图审查意见反复'],
  construction: ['施工许可办理进度慢', '主体结构分段验收未安排'],
  road: ['进场道路未修通', '道路规划红线冲突'],
  utilities: ['临时用电容量不足', '供水管网未接入', '天然气接入慢'],
  finance: ['项目贷款审批慢', '缺少流动资金'],
  labour: ['缺少技术工人', '农民工工资专户未开设'],
  tax: ['留抵退税未到账', '税收优惠政策不清楚'],
  safety: ['安全隐患整改需部门指导', '环评批复未下达'],
  dispute: ['与村民土地纠纷', '施工扰民投诉'],
  other: ['需协调其他事项'],
};

/** Builds one problem's history from a random scenario, never later than `now`. */
interface Step {
  at: number;
  data: ProblemEventData;
  actor: number | null;
}

function scenario(
  rng: Rng,
  raisedAt: number,
  now: number,
  ids: { zzb: number; zzbUnit: number; bumen: number; qiye: number | null },
  depts: number[],
): Step[] {
  const out: Step[] = [];
  let t = raisedAt;
  const step = (hoursMin: number, hoursMax: number) => (t += (hoursMin + rng.next() * (hoursMax - hoursMin)) * HOUR);
  const push = (data: ProblemEventData, actor: number | null) => {
    if (t > now) return false;
    out.push({ at: t, data, actor });
    return true;
  };
  push({ type: 'raised', source: rng.chance(0.8) ? 'firm' : 'commissioner', raiserUserId: ids.qiye }, ids.qiye);
  const stall = rng.chance(0.04) ? rng.int(1, 6) : 99;
  let stage = 0;
  const next = () => ++stage < stall;
  step(1, 30);
  if (!next() || !push({ type: 'accepted', ownerUserId: ids.zzb, ownerUnitId: ids.zzbUnit }, ids.zzb)) return out;
  step(0, 24);
  const lead = rng.pick(depts);
  const co = rng.chance(0.3) ? depts.filter((d) => d !== lead).slice(0, 1) : [];
  let no = 1;
  const dispatch = (dept: number, designated: boolean) => {
    const targets = [
      { no: no++, deptUnitId: dept, role: 'lead' as const, designated },
      ...co.map((d) => ({ no: no++, deptUnitId: d, role: 'co' as const, designated })),
    ];
    co.length = 0;
    return push({ type: 'dispatched', targets, policy: DEFAULT_SLA, note: null }, ids.zzb) ? targets[0]!.no : null;
  };
  let leadNo = next() ? dispatch(lead, false) : null;
  if (leadNo === null) return out;
  if (rng.chance(0.03)) {
    step(2, 30);
    if (!push({ type: 'returned', assignmentNo: leadNo, reason: '不属于本部门职责' }, ids.bumen)) return out;
    step(4, 48);
    leadNo = dispatch(rng.pick(depts.filter((d) => d !== lead)), true);
    if (leadNo === null) return out;
  }
  step(1, rng.chance(0.1) ? 60 : 20);
  if (next() && push({ type: 'signed', assignmentNo: leadNo }, ids.bumen)) {
    let rounds = 0;
    for (;;) {
      step(24, rng.chance(0.15) ? 300 : 150);
      if (!next() || !push({ type: 'answered', assignmentNo: leadNo, text: '已协调办理完毕' }, ids.bumen)) break;
      step(2, rng.chance(0.1) ? 200 : 40);
      if (!next() || !push({ type: 'fed_back', text: '已协调办理完毕' }, ids.zzb)) break;
      step(2, 72);
      const unhappy = rounds === 0 && rng.chance(0.05);
      const rating = unhappy ? 'unsatisfied' : rng.chance(0.88) ? 'satisfied' : 'basically_satisfied';
      if (!push({ type: 'rated', rating, comment: unhappy ? '问题没有解决' : null }, ids.qiye)) break;
      if (!unhappy) {
        push({ type: 'closed', reason: 'rated', answer: null, meetingId: null }, ids.qiye);
        break;
      }
      leadNo = no++;
      push({ type: 'reopened', round: 2, assignmentNo: leadNo, deptUnitId: lead, policy: DEFAULT_SLA }, ids.qiye);
      rounds++;
    }
  }
  return out;
}

const PROBLEM_COLUMNS: Array<[string, string]> = [
  ['id', 'int'],
  ['created_by', 'int'],
  ['source', 'text'],
  ['category', 'text'],
  ['title', 'text'],
  ['description', 'text'],
  ['firm_unit_id', 'int'],
  ['project_id', 'int'],
  ['scope_path', 'text'],
  ['raised_at', 'timestamptz'],
  ['raised_on', 'date'],
  ['status', 'text'],
  ['owner_user_id', 'int'],
  ['owner_unit_id', 'int'],
  ['lead_dept_unit_id', 'int'],
  ['round', 'int'],
  ['first_dispatched_at', 'timestamptz'],
  ['answer_due', 'date'],
  ['feedback_due', 'date'],
  ['sla_pending_year', 'int'],
  ['next_reminder_on', 'date'],
  ['answered_at', 'timestamptz'],
  ['fed_back_at', 'timestamptz'],
  ['feedback_on_time', 'boolean'],
  ['closed_at', 'timestamptz'],
  ['close_reason', 'text'],
  ['on_time', 'boolean'],
  ['late_rounds', 'int'],
  ['rating', 'text'],
  ['ratings_total', 'int'],
  ['ratings_satisfied', 'int'],
  ['close_working_days', 'int'],
  ['result_text', 'text'],
  ['event_count', 'int'],
  ['version', 'int'],
  ['updated_at', 'timestamptz'],
];
const EVENT_COLUMNS: Array<[string, string]> = [
  ['problem_id', 'int'],
  ['seq', 'int'],
  ['type', 'text'],
  ['at', 'timestamptz'],
  ['actor_user_id', 'int'],
  ['actor_name', 'text'],
  ['actor_unit_id', 'int'],
  ['data', 'jsonb'],
];
const ASSIGNMENT_COLUMNS: Array<[string, string]> = [
  ['problem_id', 'int'],
  ['no', 'int'],
  ['dept_unit_id', 'int'],
  ['role', 'text'],
  ['designated', 'boolean'],
  ['round', 'int'],
  ['dispatched_at', 'timestamptz'],
  ['sign_due', 'date'],
  ['answer_due', 'date'],
  ['pending_year', 'int'],
  ['signed_at', 'timestamptz'],
  ['answered_at', 'timestamptz'],
  ['returned_at', 'timestamptz'],
  ['status', 'text'],
  ['extension_days', 'int'],
  ['extension_pending', 'boolean'],
  ['answer_on_time', 'boolean'],
  ['answer_working_days', 'int'],
];

/**
 * Problems with whole, consistent histories: every row's status, deadlines and rates are the fold
 * of its generated events (so the ledger, queues and statistics read real-looking data). Raised
 * between 2024-01-02 and now; recent ones are still open, some old ones stalled and overdue.
 * Loaded with unnest batches (one parameter per column) in transactions of `batch` problems.
 */
export const generateProblems: Generator = async (g) => {
  const { ctx, rng, scale, refs } = g;
  const total = scale.problems;
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now().getTime();
  const start = Date.parse('2024-01-02T01:00:00Z');
  const firms = await queryRows<{ id: number; path: string }>(
    ctx.db,
    sql`select id, path from org_units where kind = 'firm' and path like ${`${refs.regionPath}%`}`,
  );
  const [maxRow] = await queryRows<{ m: number }>(ctx.db, sql`select coalesce(max(id), 0)::int as m from problems`);
  let nextId = (maxRow?.m ?? 0) + 1;
  const ids = {
    zzb: refs.userIds.gen_zzb as number,
    zzbUnit: refs.regionId,
    bumen: refs.userIds.gen_bumen as number,
    qiye: refs.userIds.gen_qiye ?? null,
  };
  const batch = 5000;
  let events = 0;
  // One batch is written while the next is built: PostgreSQL works on the other core meanwhile.
  let writing: Promise<void> = Promise.resolve();
  for (let done = 0; done < total; done += batch) {
    const pRows: Array<Array<string | number | boolean | null | Date>> = [];
    const eRows: Array<Array<string | number | boolean | null | Date>> = [];
    const aRows: Array<Array<string | number | boolean | null | Date>> = [];
    for (let i = 0; i < Math.min(batch, total - done); i++) {
      const id = nextId++;
      const firm = rng.pick(firms);
      const category = rng.pick(PROBLEM_CATEGORIES).code;
      const text = rng.pick(TEXTS[category] ?? ['需协调']);
      const raisedAt = start + Math.floor(rng.next() * (now - start - HOUR));
      const plan = scenario(rng, raisedAt, now, ids, refs.departmentIds);
      const history: ProblemEvent[] = plan.map((st, k) => ({
        ...st.data,
        seq: k + 1,
        at: new Date(st.at).toISOString(),
        actorUserId: st.actor,
        actorUnitId: null,
      }));
      const s = foldProblem(history, cal);
      const p = projectProblem(s, cal);
      const projectId = refs.projectIds.length && rng.chance(0.3) ? rng.pick(refs.projectIds) : null;
      pRows.push([
        id,
        ids.qiye,
        s.source,
        category,
        `${text}（${id}）`,
        `${text}，影响项目推进，请协调解决。`,
        firm.id,
        projectId,
        firm.path,
        new Date(raisedAt),
        chinaDate(new Date(raisedAt)),
        p.status,
        p.ownerUserId,
        p.ownerUnitId,
        p.leadDeptUnitId,
        p.round,
        p.firstDispatchedAt,
        p.answerDue,
        p.feedbackDue,
        p.slaProvisionalYear,
        p.nextReminderOn,
        p.answeredAt,
        p.fedBackAt,
        p.feedbackOnTime,
        p.closedAt,
        p.closeReason,
        p.onTime,
        p.lateRounds,
        p.rating,
        p.ratingsTotal,
        p.ratingsSatisfied,
        p.closeWorkingDays,
        p.resultText,
        history.length,
        history.length,
        new Date((plan[plan.length - 1] as Step).at),
      ]);
      for (const e of history)
        eRows.push([
          id,
          e.seq,
          e.type,
          new Date(e.at),
          e.actorUserId,
          e.actorUserId === ids.zzb ? '组织部' : e.actorUserId === ids.bumen ? '部门经办人' : '企业联系人',
          null,
          JSON.stringify(eventPayload(e)),
        ]);
      for (const a of projectAssignments(id, s))
        aRows.push([
          a.problemId,
          a.no,
          a.deptUnitId,
          a.role,
          a.designated,
          a.round,
          a.dispatchedAt,
          a.signDue,
          a.answerDue,
          a.provisionalYear,
          a.signedAt,
          a.answeredAt,
          a.returnedAt,
          a.status,
          a.extensionDays,
          a.extensionPending,
          a.answerOnTime,
          a.answerWorkingDays,
        ]);
    }
    await writing;
    writing = ctx.db.transaction(async (tx) => {
      await unnestInsert(tx, 'problems', PROBLEM_COLUMNS, pRows);
      for (let k = 0; k < eRows.length; k += 20_000)
        await unnestInsert(tx, 'problem_events', EVENT_COLUMNS, eRows.slice(k, k + 20_000));
      await unnestInsert(tx, 'problem_assignments', ASSIGNMENT_COLUMNS, aRows);
    });
    events += eRows.length;
    if ((done / batch) % 20 === 19) g.log(`  problems: ${done + batch} / ${total}`);
  }
  await writing;
  await ctx.db.execute(sql`select setval('problems_id_seq', (select max(id) from problems))`);
  // Fresh statistics and visibility map, as autovacuum would leave them on a live system.
  await ctx.db.execute(sql`vacuum analyze problems`);
  await ctx.db.execute(sql`vacuum analyze problem_assignments`);
  g.log(`problems: ${total} problems, ${events} events`);
};
