import type { Page } from '../../app/api.js';

export type Colour = 'blue' | 'yellow' | 'red';
export interface Ref {
  id: number;
  name: string;
}
export interface Reason {
  rule: string;
  colour: Colour | null;
  text: string;
}
export interface Warning {
  colour: Colour;
  reasons: Reason[];
  plannedProgress: number | null;
  computedAt: string | null;
}

export interface ProjectItem {
  id: number;
  code: string;
  name: string;
  kind: string;
  industry: string | null;
  chain: string | null;
  level: string | null;
  stage: string;
  township: Ref | null;
  leadUnit: Ref | null;
  leader: Ref | null;
  commissioner: Ref | null;
  managerName: string | null;
  totalInvestment: number | null;
  annualPlanInvestment: number | null;
  yearInvestment: number;
  progress: number | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  warning: Warning;
}

export type NodeStatus = 'planned' | 'due' | 'delayed' | 'late' | 'done' | 'done_late' | 'unplanned';

export interface ProjectNode {
  id: number;
  seq: number;
  stage: string | null;
  name: string;
  plannedDate: string | null;
  expectedDate: string | null;
  actualDate: string | null;
  plannedPercent: number | null;
  responsibleName: string | null;
  responsibleUser: Ref | null;
  responsibleUnit: Ref | null;
  evidence: string | null;
  status: NodeStatus;
  lateDays: number;
  provisionalYear: number | null;
  version: number;
}

export interface ProjectDetail extends ProjectItem {
  region: Ref | null;
  ownerFirm: Ref | null;
  partyBranch: Ref | null;
  headquarters: string | null;
  commissionerRoles: string | null;
  expectedOutput: number | null;
  expectedTax: number | null;
  jobs: number | null;
  address: string | null;
  startedOn: string | null;
  completedOn: string | null;
  progressOn: string | null;
  contractors: Array<{
    id: number;
    name: string;
    role: string;
    firmUnitId: number | null;
    parentId: number | null;
    managerName: string | null;
  }>;
  taskForces: Array<{
    id: number;
    level: string;
    name: string;
    members: Array<{ name: string; title?: string | null; unit?: string | null }>;
  }>;
  nodes: ProjectNode[];
  investments: Array<{ month: string; amount: number; note: string | null }>;
  totalCompleted: number;
  version: number;
  abilities: {
    edit: boolean;
    progress: boolean;
    confirmDispatch: boolean;
    handleApprovals: boolean;
    supervise: boolean;
  };
}

export type ProjectPage = Page<ProjectItem>;

export interface BoardPage extends Page<ProjectItem & { nodes: ProjectNode[]; canOpen: boolean }> {
  region: Ref;
  asOf: string;
  counts: Record<Colour, number>;
}

export interface Facets {
  townships: Ref[];
  chains: string[];
  leaders: Ref[];
}

export interface ProjectFilters extends Record<string, string | number | undefined> {
  q: string | undefined;
  stage: string | undefined;
  colour: string | undefined;
  townshipId: number | undefined;
  level: string | undefined;
  chain: string | undefined;
  leaderId: number | undefined;
  mine: string | undefined;
  sort: string | undefined;
  page: number;
  pageSize: number;
}

export const DEFAULT_PROJECT_FILTERS: ProjectFilters = {
  q: undefined,
  stage: undefined,
  colour: undefined,
  townshipId: undefined,
  level: undefined,
  chain: undefined,
  leaderId: undefined,
  mine: undefined,
  sort: undefined,
  page: 1,
  pageSize: 20,
};

export interface HistoryEntry {
  id: number;
  at: string;
  kind: string;
  actorName: string;
  text: string;
}

export interface WarningMonth {
  month: string;
  colour: Colour;
  worstColour: Colour;
  reasons: Reason[];
  rulesVersion: number;
}
