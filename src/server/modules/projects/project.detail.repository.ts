import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { projects } from '../../db/schema/index.js';
import type { Actor } from '../../actor.js';
import { monthsOf, selectListWith, type ProjectListRow } from './project.repository.js';
import { projectVisibleToPlaceholders, visibilityValues } from './project.scope.js';

export interface ContractorPart {
  id: number;
  name: string;
  role: string;
  firmUnitId: number | null;
  parentId: number | null;
  managerName: string | null;
}
export interface TaskForcePart {
  id: number;
  level: string;
  name: string;
  members: unknown;
}
export interface NodePart {
  id: number;
  seq: number;
  stage: string | null;
  name: string;
  nameEn: string | null;
  plannedDate: string | null;
  expectedDate: string | null;
  actualDate: string | null;
  plannedPercent: number | null;
  responsibleName: string | null;
  responsibleUserId: number | null;
  responsibleUnitId: number | null;
  evidence: string | null;
  version: number;
  responsibleUserName: string | null;
  responsibleUnitName: string | null;
}
export interface InvestmentPart {
  month: string;
  amount: number;
  note: string | null;
}

export type ProjectDetailRow = ProjectListRow & {
  regionName: string | null;
  ownerFirmName: string | null;
  partyBranchName: string | null;
  contractors: ContractorPart[];
  taskForces: TaskForcePart[];
  nodes: NodePart[];
  investments: InvestmentPart[];
};

// Plain SQL names the outer row `projects` (Drizzle qualifies columns in a joined select). Numbers come
// back as JSON numbers (numeric too: the same value as Number() of its text), dates as 'YYYY-MM-DD'.
const unitName = (column: string) =>
  sql<string | null>`(select o.name from org_units o where o.id = ${sql.raw(`projects.${column}`)})`;

const agg = <T>(object: string, from: string, order: string) =>
  sql<
    T[]
  >`(select coalesce(json_agg(${sql.raw(object)} order by ${sql.raw(order)}), '[]'::json) from ${sql.raw(from)})`;

const parts = {
  regionName: unitName('region_unit_id'),
  ownerFirmName: unitName('owner_firm_unit_id'),
  partyBranchName: unitName('party_branch_unit_id'),
  contractors: agg<ContractorPart>(
    `json_build_object('id', c.id, 'name', c.name, 'role', c.role, 'firmUnitId', c.firm_unit_id,
      'parentId', c.parent_id, 'managerName', c.manager_name)`,
    'project_contractors c where c.project_id = projects.id',
    'c.seq, c.id',
  ),
  taskForces: agg<TaskForcePart>(
    `json_build_object('id', t.id, 'level', t.level, 'name', t.name, 'members', t.members)`,
    'project_task_forces t where t.project_id = projects.id',
    't.seq, t.id',
  ),
  nodes: agg<NodePart>(
    `json_build_object('id', n.id, 'seq', n.seq, 'stage', n.stage, 'name', n.name, 'nameEn', n.name_en,
      'plannedDate', n.planned_date, 'expectedDate', n.expected_date, 'actualDate', n.actual_date,
      'plannedPercent', n.planned_percent, 'responsibleName', n.responsible_name,
      'responsibleUserId', n.responsible_user_id, 'responsibleUnitId', n.responsible_unit_id,
      'evidence', n.evidence, 'version', n.version,
      'responsibleUserName', ru.display_name, 'responsibleUnitName', rn.name)`,
    `project_nodes n left join users ru on ru.id = n.responsible_user_id
      left join org_units rn on rn.id = n.responsible_unit_id where n.project_id = projects.id`,
    'n.seq, n.id',
  ),
  investments: agg<InvestmentPart>(
    `json_build_object('month', i.month, 'amount', i.amount, 'note', i.note)`,
    'project_investments i where i.project_id = projects.id',
    'i.month',
  ),
};

/**
 * GET /api/projects/:id in one statement: the list row (names, year's investment, warning) and its
 * parts as json_agg sub-selects, all under ONE visibility check — the parts are read only through a
 * row that passed it (issue 9 §3). Built once per database handle; on PostgreSQL a named statement each
 * pooled connection parses once (as xf_find_unit_in_scope, decision 022; this one decision 033).
 */
function prepareDetail(db: Executor) {
  return selectListWith(db, sql.placeholder('months'), parts)
    .where(and(eq(projects.id, sql.placeholder('id')), projectVisibleToPlaceholders()))
    .prepare('xf_project_detail');
}

const detailLookups = new WeakMap<Executor, ReturnType<typeof prepareDetail>>();

/** The project with its parts if the actor may see it; undefined otherwise. */
export async function findProjectDetail(
  db: Executor,
  actor: Pick<Actor, 'userId' | 'scope'>,
  id: number,
  year: string,
): Promise<ProjectDetailRow | undefined> {
  let lookup = detailLookups.get(db);
  if (!lookup) {
    lookup = prepareDetail(db);
    detailLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ id, months: monthsOf(year), ...visibilityValues(actor) });
  return row as ProjectDetailRow | undefined;
}
