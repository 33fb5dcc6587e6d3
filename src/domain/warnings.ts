import { nextWorkingDay, provisionalYear, provisionalReason, type CalendarData } from './calendar.js';
import { workingDaysAfter } from './working-days.js';
import { daysBetween, monthOf, type IsoDate } from './dates.js';
import { monthDiff } from './months.js';
import { isStarted, type ProjectStage } from '../shared/project-stages.js';

/**
 * 红黄蓝预警 (red/yellow/blue warnings) of a project, computed — never typed — from its time nodes,
 * its progress and its planned start, by rules each region may configure. Every colour carries its
 * reasons in words ("黄色：节点「主体封顶」计划 2026-10-09，已逾期 3 个工作日").
 */
export type WarningColour = 'blue' | 'yellow' | 'red';
export const WARNING_COLOURS: readonly WarningColour[] = ['blue', 'yellow', 'red'];
const RANK: Record<WarningColour, number> = { blue: 0, yellow: 1, red: 2 };

export const COLOUR_LABEL: Record<WarningColour, { zh: string; en: string }> = {
  blue: { zh: '蓝色', en: 'Blue' },
  yellow: { zh: '黄色', en: 'Yellow' },
  red: { zh: '红色', en: 'Red' },
};

export function worseColour(a: WarningColour, b: WarningColour): WarningColour {
  return RANK[a] >= RANK[b] ? a : b;
}

export function isWorse(next: WarningColour, prev: WarningColour | null | undefined): boolean {
  return RANK[next] > RANK[prev ?? 'blue'];
}

/**
 * The rules of one region. Defaults (the issue): a node late by 1–10 working days or progress 10–30
 * points behind plan → yellow; later or further behind → red; not started in the planned month →
 * yellow, three months after it → red.
 */
export interface WarningRules {
  /** A node this many working days late or more is yellow. */
  nodeYellowDays: number;
  /** A node more than this many working days late is red. */
  nodeRedDays: number;
  /** Progress this many points behind plan or more is yellow. */
  progressYellowPoints: number;
  /** Progress more than this many points behind plan is red. */
  progressRedPoints: number;
  /** Not started this many calendar months after the planned month is yellow (1: the month after). */
  notStartedYellowMonths: number;
  /** Not started this many months after the planned month is red. */
  notStartedRedMonths: number;
}

export const DEFAULT_WARNING_RULES: WarningRules = {
  nodeYellowDays: 1,
  nodeRedDays: 10,
  progressYellowPoints: 10,
  progressRedPoints: 30,
  notStartedYellowMonths: 1,
  notStartedRedMonths: 3,
};

/** Problems with a set of rules (empty when they are usable), in both languages. */
export function checkWarningRules(r: WarningRules): Array<{ zh: string; en: string }> {
  const out: Array<{ zh: string; en: string }> = [];
  if (r.nodeYellowDays < 1) out.push({ zh: '节点黄色起点至少为 1 个工作日', en: 'nodeYellowDays must be at least 1' });
  if (r.nodeRedDays < r.nodeYellowDays)
    out.push({ zh: '节点红色阈值不能小于黄色起点', en: 'nodeRedDays must not be below nodeYellowDays' });
  if (r.progressYellowPoints <= 0)
    out.push({ zh: '进度黄色起点须大于 0', en: 'progressYellowPoints must be positive' });
  if (r.progressRedPoints < r.progressYellowPoints)
    out.push({ zh: '进度红色阈值不能小于黄色起点', en: 'progressRedPoints must not be below progressYellowPoints' });
  if (r.notStartedYellowMonths < 1)
    out.push({ zh: '未开工黄色起点至少为 1 个月', en: 'notStartedYellowMonths must be at least 1' });
  if (r.notStartedRedMonths < r.notStartedYellowMonths)
    out.push({
      zh: '未开工红色月数不能小于黄色月数',
      en: 'notStartedRedMonths must not be below notStartedYellowMonths',
    });
  return out;
}

export interface WarningNode {
  name: string;
  nameEn?: string | null;
  seq: number;
  /** The approved plan (only the organisation department moves it). */
  plannedDate: IsoDate | null;
  /** 预计完成: the commissioner's forecast for an open node; a slip past the plan is a delay now. */
  expectedDate?: IsoDate | null;
  actualDate: IsoDate | null;
  /** Planned cumulative progress (%) when this node is reached; shapes the planned-progress curve. */
  plannedPercent?: number | null;
  /**
   * The project is already past this node's stage but the node has no date: it is NOT reached (a node
   * is reached only with its date, project-completion.ts) and is not judged late either; still on the curve.
   */
  passed?: boolean;
  /** The stage this node reaches; the 开工 node is judged by the not-started rule (months), not in working days. */
  stage?: string | null;
}

export interface WarningInput {
  stage: ProjectStage;
  plannedStart: IsoDate | null;
  plannedEnd: IsoDate | null;
  startedOn: IsoDate | null;
  /** 形象进度 (%), null when never reported. */
  progress: number | null;
  nodes: WarningNode[];
}

export type WarningRule =
  'node_late' | 'node_slip' | 'node_done_late' | 'progress_behind' | 'not_started' | 'on_plan' | 'provisional';

export interface WarningReason {
  rule: WarningRule;
  /** null: the reason explains but does not colour (a provisional count across a year not loaded). */
  colour: WarningColour | null;
  zh: string;
  en: string;
  node?: string;
  days?: number;
  points?: number;
  months?: number;
  year?: number;
}

export interface WarningResult {
  colour: WarningColour;
  reasons: WarningReason[];
  /** Years not loaded that a lateness was counted across (weekends only): the colour is provisional (暂定) until they are. */
  provisionalYears: number[];
  plannedProgress: number | null;
}

function byThreshold(value: number, yellowFrom: number, redAbove: number): WarningColour | null {
  if (value > redAbove) return 'red';
  if (value >= yellowFrom) return 'yellow';
  return null;
}

/** A deadline that falls on a day off moves to the next working day (the usual administrative rule). */
function lateDays(cal: CalendarData, planned: IsoDate, until: IsoDate): number {
  if (until <= planned) return 0;
  const due = nextWorkingDay(cal, planned);
  return until <= due ? 0 : workingDaysAfter(cal, due, until);
}

/**
 * Planned progress at `today`, piecewise linear in calendar days through (planned start, 0%), the
 * nodes that carry a planned percentage, and (planned end, 100%). Calendar days, not working days:
 * a schedule that runs into a year whose calendar is not loaded must still have a planned curve.
 */
export function plannedProgressAt(
  input: Pick<WarningInput, 'plannedStart' | 'plannedEnd' | 'nodes'>,
  today: IsoDate,
): number | null {
  const { plannedStart, plannedEnd } = input;
  if (!plannedStart || !plannedEnd || plannedEnd <= plannedStart) return null;
  const points: Array<[IsoDate, number]> = [[plannedStart, 0]];
  for (const n of [...input.nodes].sort((a, b) => a.seq - b.seq)) {
    if (n.plannedDate && n.plannedPercent != null && n.plannedDate > plannedStart && n.plannedDate < plannedEnd)
      points.push([n.plannedDate, n.plannedPercent]);
  }
  points.push([plannedEnd, 100]);
  points.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (today <= plannedStart) return 0;
  if (today >= plannedEnd) return 100;
  for (let i = 1; i < points.length; i++) {
    const [d1, p1] = points[i] as [IsoDate, number];
    const [d0, p0] = points[i - 1] as [IsoDate, number];
    if (today <= d1) {
      const span = daysBetween(d0, d1);
      const v = span === 0 ? p1 : p0 + ((p1 - p0) * daysBetween(d0, today)) / span;
      return Math.round(v * 10) / 10;
    }
  }
  return 100;
}

function label(n: WarningNode, lang: 'zh' | 'en'): string {
  return lang === 'en' ? (n.nameEn ?? n.name) : n.name;
}

function nodeReasons(
  cal: CalendarData,
  input: WarningInput,
  today: IsoDate,
  rules: WarningRules,
  missing: Set<number>,
): WarningReason[] {
  const out: WarningReason[] = [];
  const nodes = input.nodes.filter((n) => !n.passed).sort((a, b) => a.seq - b.seq);
  // The latest completed node says how far behind the schedule the project is now; earlier completed
  // nodes are superseded by it (a project that caught up is back on plan).
  const lastDone = [...nodes].reverse().find((n) => n.actualDate && n.plannedDate);
  for (const n of nodes) {
    // The start (开工) is judged by the planned-month rule; a late start is history once started.
    if (n.stage === 'started') continue;
    if (!n.plannedDate) continue;
    const planned = n.plannedDate;
    const open = !n.actualDate;
    if (!open && n !== lastDone) continue;
    const end = open ? (n.expectedDate && n.expectedDate > today ? n.expectedDate : today) : (n.actualDate as IsoDate);
    const overdue = lateDays(cal, planned, open ? today : (n.actualDate as IsoDate));
    // An open node forecast to finish after its plan is behind schedule already (一对一动态跟踪).
    const slip = open && n.expectedDate && n.expectedDate > planned ? lateDays(cal, planned, n.expectedDate) : 0;
    const py = provisionalYear(cal, planned, end);
    if (py !== null && Math.max(overdue, slip) > 0) {
      missing.add(py);
      const why = provisionalReason(py);
      out.push({
        rule: 'provisional',
        colour: null,
        node: n.name,
        year: py,
        zh: `暂定：节点「${n.name}」的逾期工作日按周末计算（${why.zh}）`,
        en: `Provisional: node “${label(n, 'en')}” lateness counted on weekends only (${why.en})`,
      });
    }
    const days = Math.max(overdue, slip);
    const colour = byThreshold(days, rules.nodeYellowDays, rules.nodeRedDays);
    if (!colour) continue;
    const c = COLOUR_LABEL[colour];
    if (!open)
      out.push({
        rule: 'node_done_late',
        colour,
        node: n.name,
        days,
        zh: `${c.zh}：节点「${n.name}」计划 ${planned}，实际 ${n.actualDate} 完成，晚 ${days} 个工作日`,
        en: `${c.en}: node “${label(n, 'en')}” planned ${planned}, done ${n.actualDate}, ${days} working days late`,
      });
    else if (slip > overdue)
      out.push({
        rule: 'node_slip',
        colour,
        node: n.name,
        days,
        // the lateness already certain (past the plan today) is said too: a forecast never hides it
        zh: `${c.zh}：节点「${n.name}」计划 ${planned}，${overdue > 0 ? `已逾期 ${overdue} 个工作日，` : ''}预计 ${n.expectedDate} 完成，将晚 ${days} 个工作日`,
        en: `${c.en}: node “${label(n, 'en')}” planned ${planned}, ${overdue > 0 ? `${overdue} working days overdue, ` : ''}expected ${n.expectedDate}, ${days} working days late`,
      });
    else
      out.push({
        rule: 'node_late',
        colour,
        node: n.name,
        days,
        zh: `${c.zh}：节点「${n.name}」计划 ${planned}，已逾期 ${days} 个工作日`,
        en: `${c.en}: node “${label(n, 'en')}” planned ${planned}, ${days} working days overdue`,
      });
  }
  return out;
}

/** The warning of one project on `today` under `rules`. Pure: same input, same colour and reasons. */
export function computeWarning(
  cal: CalendarData,
  input: WarningInput,
  today: IsoDate,
  rules: WarningRules = DEFAULT_WARNING_RULES,
): WarningResult {
  const missing = new Set<number>();
  const reasons = nodeReasons(cal, input, today, rules, missing);
  const started = isStarted(input.stage) || input.startedOn !== null;
  const planned = plannedProgressAt(input, today);

  const startPlan = input.nodes.find((n) => n.stage === 'started')?.plannedDate ?? input.plannedStart;
  if (!started && startPlan && today > startPlan) {
    const months = monthDiff(monthOf(startPlan), monthOf(today));
    const colour = months > 0 ? byThreshold(months, rules.notStartedYellowMonths, rules.notStartedRedMonths - 1) : null;
    if (colour) {
      const c = COLOUR_LABEL[colour];
      reasons.push({
        rule: 'not_started',
        colour,
        months,
        zh: `${c.zh}：计划 ${monthOf(startPlan)} 开工，至今未开工（已过计划月 ${months} 个月）`,
        en: `${c.en}: planned to start in ${monthOf(startPlan)}, not started ${months} month(s) after that month`,
      });
    }
  }

  if (started && input.progress !== null && planned !== null) {
    const behind = Math.round((planned - input.progress) * 10) / 10;
    const colour = byThreshold(behind, rules.progressYellowPoints, rules.progressRedPoints);
    if (colour) {
      const c = COLOUR_LABEL[colour];
      reasons.push({
        rule: 'progress_behind',
        colour,
        points: behind,
        zh: `${c.zh}：形象进度 ${input.progress}%，按计划应达 ${planned}%，落后 ${behind} 个百分点`,
        en: `${c.en}: progress ${input.progress}%, planned ${planned}%, ${behind} points behind`,
      });
    }
  }

  let colour: WarningColour = 'blue';
  for (const r of reasons) if (r.colour) colour = worseColour(colour, r.colour);
  if (colour === 'blue')
    reasons.unshift({
      rule: 'on_plan',
      colour: 'blue',
      zh: '蓝色：各节点与进度均按计划或提前',
      en: 'Blue: every node and the progress are on or ahead of plan',
    });
  reasons.sort((a, b) => (b.colour ? RANK[b.colour] : -1) - (a.colour ? RANK[a.colour] : -1));
  return { colour, reasons, provisionalYears: [...missing].sort(), plannedProgress: planned };
}

export type NodeStatus = 'planned' | 'due' | 'delayed' | 'late' | 'done' | 'done_late' | 'unplanned';

/**
 * One node on the timeline: not yet due, due today (or on the next working day after a day off),
 * forecast to finish after its plan (delayed), late by N working days, done on time or done late.
 * `provisionalYear` when the lateness was counted across a year not loaded (暂定, weekends only).
 */
export function nodeStatus(
  cal: CalendarData,
  n: Pick<WarningNode, 'plannedDate' | 'actualDate' | 'expectedDate'>,
  today: IsoDate,
): { status: NodeStatus; days: number; provisionalYear: number | null } {
  if (!n.plannedDate) return { status: n.actualDate ? 'done' : 'unplanned', days: 0, provisionalYear: null };
  const planned = n.plannedDate;
  if (n.actualDate) {
    const days = lateDays(cal, planned, n.actualDate);
    return {
      status: days > 0 ? 'done_late' : 'done',
      days,
      provisionalYear: provisionalYear(cal, planned, n.actualDate),
    };
  }
  const overdue = lateDays(cal, planned, today);
  const slip = n.expectedDate && n.expectedDate > planned ? lateDays(cal, planned, n.expectedDate) : 0;
  const py = (to: IsoDate) => provisionalYear(cal, planned, to);
  if (overdue > 0 && overdue >= slip) return { status: 'late', days: overdue, provisionalYear: py(today) };
  if (slip > 0) return { status: 'delayed', days: slip, provisionalYear: py(n.expectedDate as IsoDate) };
  return { status: today >= planned ? 'due' : 'planned', days: 0, provisionalYear: null };
}
