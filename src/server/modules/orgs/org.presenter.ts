import type { OrgUnitRow } from '../../db/schema/index.js';
import { ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import { orgWarnings, type OrgWarning } from '../../../domain/org-rules.js';
import type { PartyDetails } from './party-org.repository.js';

export interface OrgNodeView {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  kindZh: string;
  name: string;
  shortName: string | null;
  code: string | null;
  depth: number;
  lng: number | null;
  lat: number | null;
  industry: string | null;
  address: string | null;
  closed: boolean;
}

export function presentOrg(u: OrgUnitRow): OrgNodeView {
  const kind = u.kind as OrgKind;
  return {
    id: u.id,
    parentId: u.parentId,
    kind,
    kindZh: ORG_KINDS[kind]?.zh ?? u.kind,
    name: u.name,
    shortName: u.shortName,
    code: u.code,
    depth: u.depth,
    lng: u.lng,
    lat: u.lat,
    industry: u.industry,
    address: u.address,
    closed: u.closedAt !== null,
  };
}

/** A unit as the picker lists it. */
export function presentOption(u: OrgUnitRow) {
  return { id: u.id, name: u.name, kind: u.kind, path: u.path, depth: u.depth };
}

export interface OrgTreeNode extends OrgNodeView {
  /** party organisations only: details, officers, covered units, member counts */
  party?: PartyDetails;
  /** rule checks (warnings, never blocks), each explaining the rule and the numbers */
  warnings?: OrgWarning[];
  children: OrgTreeNode[];
}

/** A party node's details and its rule warnings as of `today`. */
export function partyView(
  kind: string,
  d: PartyDetails | undefined,
  today: string,
): Pick<OrgTreeNode, 'party' | 'warnings'> {
  if (!d) return {};
  const committeeSize = d.officers.filter(
    (o) => o.role === 'secretary' || o.role === 'deputy_secretary' || o.role === 'committee_member',
  ).length;
  return {
    party: d,
    warnings: orgWarnings(
      {
        kind,
        formalMembers: d.formalMembers,
        committeeSize,
        coveredUnits: d.covered.length,
        nextElectionOn: d.nextElectionOn,
        status: d.status,
      },
      today,
    ),
  };
}

/** Nests a subtree listed in depth order; the actor's scope node becomes the single root. */
export function nestTree(rows: OrgUnitRow[], details?: Map<number, PartyDetails>, today?: string): OrgTreeNode[] {
  const byId = new Map<number, OrgTreeNode>();
  const roots: OrgTreeNode[] = [];
  for (const r of rows) {
    const node: OrgTreeNode = {
      ...presentOrg(r),
      ...(details && today ? partyView(r.kind, details.get(r.id), today) : {}),
      children: [],
    };
    byId.set(r.id, node);
    const parent = r.parentId === null ? undefined : byId.get(r.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
