import { get, post } from '../../app/api.js';
import type { ResponseOf } from '../../../shared/api/contract.js';
import type {
  CoverageClass,
  CoverageOverview,
  CoverageUnitView,
  orgsApi,
  ProposalList,
  ProposalRow,
  Rates,
  RecomputeResult,
  SetupTaskRow,
} from '../../../shared/api/orgs.js';

/** 组织覆盖: the calls of the coverage page; the answers' types come from the shared contract. */
export type { CoverageClass, CoverageOverview, CoverageUnitView, ProposalList, ProposalRow, Rates, SetupTaskRow };
type Api = typeof orgsApi;

export const coverageOverview = (q: {
  class: CoverageClass | undefined;
  townshipId: number | undefined;
  page: number;
}) => get<CoverageOverview>('/api/coverage', { ...q, pageSize: 20 });
export const coverageProposals = () => get<ProposalList>('/api/coverage/proposals', { pageSize: 200 });
export const setupTasks = () =>
  get<ResponseOf<Api, 'GET /api/coverage/setup-tasks'>>('/api/coverage/setup-tasks', { pageSize: 100 });
export const recomputeProposals = () => post<RecomputeResult>('/api/coverage/proposals/recompute');
export const acceptProposal = (id: number, body: { name: string; removeKeys: string[] }) =>
  post<ResponseOf<Api, 'POST /api/coverage/proposals/:id/accept'>>(`/api/coverage/proposals/${id}/accept`, body);
export const rejectProposal = (id: number, reason: string) =>
  post<ResponseOf<Api, 'POST /api/coverage/proposals/:id/reject'>>(`/api/coverage/proposals/${id}/reject`, {
    reason,
  });

export const CLASS_COLOURS: Record<CoverageClass, string> = {
  own_branch: 'green',
  joint_branch: 'cyan',
  needs_own: 'red',
  needs_joint: 'orange',
};
export const PALETTE = [
  '#c23531',
  '#2f4554',
  '#61a0a8',
  '#d48265',
  '#91c7ae',
  '#749f83',
  '#ca8622',
  '#bda29a',
  '#6e7074',
  '#546570',
];
