/** The problems module's server answers: types from the shared contract (src/shared/api/problems.ts). */
export type {
  CategoryRoute,
  CategorySla,
  DepartmentList,
  DeptSettings,
  ProblemDetail,
  ProblemItem,
  ProblemPage,
  ProblemStats,
  ProjectOptionList,
  UploadedPhoto,
} from '../../../shared/api/problems.js';

/** The ledger's filters as they live in the URL (web-only view state). */
export interface LedgerFilters extends Record<string, string | number | undefined> {
  q: string | undefined;
  status: string | undefined;
  category: string | undefined;
  deptId: number | undefined;
  firmId: number | undefined;
  projectId: number | undefined;
  overdue: string | undefined;
  source: string | undefined;
  sort: string | undefined;
  page: number;
  pageSize: number;
}

export const LEDGER_DEFAULTS: LedgerFilters = {
  q: undefined,
  status: undefined,
  category: undefined,
  deptId: undefined,
  firmId: undefined,
  projectId: undefined,
  overdue: undefined,
  source: undefined,
  sort: undefined,
  page: 1,
  pageSize: 20,
};

export const pct = (r: number | null | undefined): string =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;
