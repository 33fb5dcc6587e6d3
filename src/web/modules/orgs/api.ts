import { get, patch, post } from '../../app/api.js';
import type { BodyOf, ResponseOf } from '../../../shared/api/contract.js';
import type {
  ClosePlan,
  ClosePlanMember,
  LifecycleBranch,
  OrgTreeNode,
  orgsApi,
  TransformInto,
} from '../../../shared/api/orgs.js';

/** 组织架构: the calls of the org pages; the answers' types come from the shared contract. */
export type { ClosePlan, ClosePlanMember, LifecycleBranch, TransformInto };
export type OrgNode = OrgTreeNode;
type Api = typeof orgsApi;

export const orgTree = () => get<ResponseOf<Api, 'GET /api/orgs/tree'>>('/api/orgs/tree');
export const orgLifecycle = () => get<ResponseOf<Api, 'GET /api/orgs/lifecycle'>>('/api/orgs/lifecycle');
export const closePlan = (id: number) => get<ClosePlan>(`/api/orgs/${id}/close-plan`);
export const closeOrg = (id: number, body: BodyOf<Api, 'POST /api/orgs/:id/close'>) =>
  post<ResponseOf<Api, 'POST /api/orgs/:id/close'>>(`/api/orgs/${id}/close`, body);
export const transformOrg = (id: number, body: BodyOf<Api, 'POST /api/orgs/:id/transform'>) =>
  post<ResponseOf<Api, 'POST /api/orgs/:id/transform'>>(`/api/orgs/${id}/transform`, body);
export const updateOrg = (id: number, body: BodyOf<Api, 'PATCH /api/orgs/:id'>) =>
  patch<ResponseOf<Api, 'PATCH /api/orgs/:id'>>(`/api/orgs/${id}`, body);
export const createOrg = (body: BodyOf<Api, 'POST /api/orgs'>) =>
  post<ResponseOf<Api, 'POST /api/orgs'>>('/api/orgs', body);

export function flatten(nodes: OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

export const ROLE = {
  secretary: ['书记', 'Secretary'],
  deputy_secretary: ['副书记', 'Deputy'],
  committee_member: ['委员', 'Member'],
} as Record<string, [string, string]>;
export const WHY = {
  home: ['居住社区', 'home community'],
  previous: ['原所在组织', 'previous org'],
  township: ['乡镇党委', 'township committee'],
} as Record<string, [string, string]>;
