import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { projects } from '../../db/schema/index.js';

/**
 * The writes a party organisation's life needs on the projects table (projects.party_branch_unit_id).
 * The orgs module calls them inside its own transaction (`tx`) and audits there.
 */

/** A party org now covers these projects: it becomes their branch where none is set yet. */
export async function bindPartyBranchWhereUnset(tx: Tx, projectIds: number[], orgId: number): Promise<void> {
  if (projectIds.length === 0) return;
  await tx
    .update(projects)
    .set({ partyBranchUnitId: orgId })
    .where(and(inArray(projects.id, projectIds), isNull(projects.partyBranchUnitId)));
}

/** The project's party branch becomes `orgId` (null: none), e.g. when its branch was closed. */
export async function setPartyBranch(tx: Tx, projectId: number, orgId: number | null, now: Date): Promise<void> {
  await tx.update(projects).set({ partyBranchUnitId: orgId, updatedAt: now }).where(eq(projects.id, projectId));
}
