import type { Lang } from '../../errors.js';
import type { CalendarData } from '../../../domain/calendar.js';
import type { IsoDate } from '../../../domain/dates.js';
import { nodeStatus, type WarningColour, type WarningReason } from '../../../domain/warnings.js';
import type { ProjectListRow } from './project.repository.js';
import type { ContractorPart, InvestmentPart, NodePart, TaskForcePart } from './project.detail.repository.js';
import type { HistoryItem, NodeView, ProjectDetail, ProjectListItem } from '../../../shared/api/projects.js';
import type { projectHistory } from '../../db/schema/index.js';

const ref = (id: number | null, name: string | null | undefined) => (id === null ? null : { id, name: name ?? '' });

export function presentReasons(reasons: unknown, lang: Lang) {
  return ((reasons ?? []) as WarningReason[]).map((r) => ({ rule: r.rule, colour: r.colour, text: r[lang] }));
}

export function presentListItem(r: ProjectListRow, lang: Lang): ProjectListItem {
  const p = r.project;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    industry: p.industry,
    chain: p.chain,
    level: p.level,
    stage: p.stage,
    township: ref(p.townshipUnitId, r.townshipName),
    leadUnit: ref(p.leadUnitId, r.leadUnitName),
    leader: ref(p.leaderUserId, r.leaderName),
    commissioner: ref(p.commissionerUserId, r.commissionerName),
    managerName: p.managerName,
    totalInvestment: p.totalInvestment,
    annualPlanInvestment: p.annualPlanInvestment,
    yearInvestment: Number(r.yearInvestment),
    progress: p.progress,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    warning: {
      colour: p.warningColour as WarningColour,
      reasons: presentReasons(p.warningReasons, lang),
      plannedProgress: p.plannedProgress,
      computedAt: p.warningComputedAt?.toISOString() ?? null,
    },
  };
}

type NodeInput = Omit<NodePart, 'responsibleUserName' | 'responsibleUnitName'>;
type Parts = {
  contractors: ContractorPart[];
  taskForces: TaskForcePart[];
  nodes: NodeInput[];
  investments: InvestmentPart[];
};
type Names = { units: Map<number, string>; users: Map<number, string> };

/** A node is reached only with its date (domain/project-completion.ts): the project's stage never reaches it. */
export function presentNode(n: NodeInput, cal: CalendarData, today: IsoDate, names: Names, lang: Lang): NodeView {
  const s = nodeStatus(cal, n, today);
  return {
    id: n.id,
    seq: n.seq,
    stage: n.stage,
    name: lang === 'en' ? (n.nameEn ?? n.name) : n.name,
    plannedDate: n.plannedDate,
    expectedDate: n.expectedDate,
    actualDate: n.actualDate,
    plannedPercent: n.plannedPercent,
    responsibleName: n.responsibleName,
    responsibleUser: ref(n.responsibleUserId, names.users.get(n.responsibleUserId ?? 0)),
    responsibleUnit: ref(n.responsibleUnitId, names.units.get(n.responsibleUnitId ?? 0)),
    evidence: n.evidence,
    status: s.status,
    lateDays: s.days,
    provisionalYear: s.provisionalYear,
    version: n.version,
  };
}

export function presentDetail(
  r: ProjectListRow,
  parts: Parts,
  names: Names,
  ctx: { cal: CalendarData; today: IsoDate; lang: Lang; abilities: ProjectDetail['abilities'] },
): ProjectDetail {
  const p = r.project;
  const { lang } = ctx;
  return {
    ...presentListItem(r, lang),
    region: ref(p.regionUnitId, names.units.get(p.regionUnitId)),
    ownerFirm: ref(p.ownerFirmUnitId, names.units.get(p.ownerFirmUnitId ?? 0)),
    partyBranch: ref(p.partyBranchUnitId, names.units.get(p.partyBranchUnitId ?? 0)),
    headquarters: p.headquarters,
    commissionerRoles: p.commissionerUserId
      ? lang === 'en'
        ? 'Project commissioner and party-building instructor (dual role)'
        : '项目专员 · 党建指导员（双员制）'
      : null,
    expectedOutput: p.expectedOutput,
    expectedTax: p.expectedTax,
    jobs: p.jobs,
    address: p.address,
    lng: p.lng,
    lat: p.lat,
    startedOn: p.startedOn,
    completedOn: p.completedOn,
    progressOn: p.progressOn,
    contractors: parts.contractors.map((c) => ({
      id: c.id,
      name: c.name,
      role: c.role,
      firmUnitId: c.firmUnitId,
      parentId: c.parentId,
      managerName: c.managerName,
    })),
    taskForces: parts.taskForces.map((t) => ({
      id: t.id,
      level: t.level,
      name: t.name,
      members: t.members as Array<{ name: string; title?: string | null; unit?: string | null }>,
    })),
    nodes: parts.nodes.map((n) => presentNode(n, ctx.cal, ctx.today, names, lang)),
    investments: parts.investments.map((i) => ({ month: i.month, amount: i.amount, note: i.note })),
    totalCompleted: Math.round(parts.investments.reduce((s, i) => s + i.amount, 0) * 100) / 100,
    version: p.version,
    abilities: ctx.abilities,
  };
}

export function presentHistory(h: typeof projectHistory.$inferSelect, lang: Lang): HistoryItem {
  return {
    id: h.id,
    at: h.at.toISOString(),
    kind: h.kind,
    actorName: h.actorName,
    text: lang === 'en' ? h.en : h.zh,
    before: h.before,
    after: h.after,
  };
}

/** What the audit log keeps of a project (no personal data). */
export function projectAuditSnapshot(p: Record<string, unknown>) {
  const keys = [
    'code',
    'name',
    'kind',
    'industry',
    'chain',
    'level',
    'stage',
    'townshipUnitId',
    'ownerFirmUnitId',
    'partyBranchUnitId',
    'leadUnitId',
    'leaderUserId',
    'commissionerUserId',
    'headquarters',
    'totalInvestment',
    'annualPlanInvestment',
    'plannedStart',
    'plannedEnd',
    'version',
  ];
  return Object.fromEntries(keys.filter((k) => k in p).map((k) => [k, p[k]]));
}
