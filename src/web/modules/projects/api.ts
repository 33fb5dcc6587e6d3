import type { BoardView, ProjectDetail, ProjectListItem } from '../../../shared/api/projects.js';

/** The server's answers, as the shared contract says (src/shared/api/projects.ts, warnings.ts). */
export type {
  Assignee,
  HistoryItem as HistoryEntry,
  ProjectDetail,
  ProjectPage,
  ProjectFacets as Facets,
  BoardView as BoardPage,
} from '../../../shared/api/projects.js';
export type { RegionRules, WarningMonth } from '../../../shared/api/warnings.js';

export type ProjectItem = ProjectListItem;
export type ProjectNode = ProjectDetail['nodes'][number];
export type NodeStatus = ProjectNode['status'];
export type Warning = ProjectItem['warning'];
export type Reason = Warning['reasons'][number];
export type Colour = Warning['colour'];
export type Ref = NonNullable<ProjectItem['township']>;
export type BoardRow = BoardView['data'][number];

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
