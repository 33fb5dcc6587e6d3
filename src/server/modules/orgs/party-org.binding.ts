import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { orgOfficers, orgSetupTasks, partyOrgCoverage } from '../../db/schema/index.js';
import { bindPartyBranchWhereUnset } from '../projects/index.js';
import { endParticipationsIn } from '../people/index.js';

/** What binds people and units to a party org: officers, covered projects and units, 三同步 tasks. */

export interface OfficerInput {
  personId: number;
  role: 'secretary' | 'deputy_secretary' | 'committee_member';
}
export interface CoveredInput {
  kind: 'project' | 'unit';
  id: number;
}

/** Closes the 三同步 "set up the branch" tasks of projects now covered by `orgId`. */
export async function closeSetupTasks(tx: Tx, projectIds: number[], orgId: number, today: string): Promise<void> {
  if (projectIds.length === 0) return;
  await tx
    .update(orgSetupTasks)
    .set({
      status: 'done',
      doneOn: today,
      orgUnitId: orgId,
      // 三同步 pairs the branch secretary with the project manager
      secretaryPersonId: sql`coalesce(${orgSetupTasks.secretaryPersonId}, (select o.person_id from org_officers o where o.org_unit_id = ${orgId} and o.role = 'secretary' and o.until is null order by o.id limit 1))`,
    })
    .where(and(inArray(orgSetupTasks.projectId, projectIds), eq(orgSetupTasks.status, 'open')));
}

export async function writeCoverage(tx: Tx, orgId: number, covered: CoveredInput[], today: string): Promise<void> {
  const current = await tx
    .select()
    .from(partyOrgCoverage)
    .where(and(eq(partyOrgCoverage.orgUnitId, orgId), isNull(partyOrgCoverage.until)));
  const key = (k: string, id: number | null) => `${k}:${id}`;
  const want = new Set(covered.map((c) => key(c.kind, c.id)));
  const have = new Set(current.map((c) => key(c.targetKind, c.projectId ?? c.coveredUnitId)));
  const ended = current.filter((c) => !want.has(key(c.targetKind, c.projectId ?? c.coveredUnitId))).map((c) => c.id);
  if (ended.length) await tx.update(partyOrgCoverage).set({ until: today }).where(inArray(partyOrgCoverage.id, ended));
  const added = covered.filter((c) => !have.has(key(c.kind, c.id)));
  if (added.length)
    await tx.insert(partyOrgCoverage).values(
      added.map((c) => ({
        orgUnitId: orgId,
        targetKind: c.kind,
        projectId: c.kind === 'project' ? c.id : null,
        coveredUnitId: c.kind === 'unit' ? c.id : null,
        since: today,
      })),
    );
  const projectIds = covered.filter((c) => c.kind === 'project').map((c) => c.id);
  if (projectIds.length) {
    await bindPartyBranchWhereUnset(tx, projectIds, orgId);
    await closeSetupTasks(tx, projectIds, orgId, today);
  }
}

export async function writeOfficers(
  tx: Tx,
  orgId: number,
  officers: OfficerInput[],
  appointed: boolean,
  today: string,
): Promise<void> {
  const current = await tx
    .select()
    .from(orgOfficers)
    .where(and(eq(orgOfficers.orgUnitId, orgId), isNull(orgOfficers.until)));
  const key = (p: number, r: string) => `${p}:${r}`;
  const want = new Set(officers.map((o) => key(o.personId, o.role)));
  const ended = current.filter((c) => !want.has(key(c.personId, c.role))).map((c) => c.id);
  if (ended.length) await tx.update(orgOfficers).set({ until: today }).where(inArray(orgOfficers.id, ended));
  const have = new Set(current.map((c) => key(c.personId, c.role)));
  const added = officers.filter((o) => !have.has(key(o.personId, o.role)));
  if (added.length)
    await tx
      .insert(orgOfficers)
      .values(added.map((o) => ({ orgUnitId: orgId, personId: o.personId, role: o.role, appointed, since: today })));
}

/** Ends what binds people and units to an org that stops: participations, officers, coverage links. */
export async function endBindings(tx: Tx, id: number, today: string): Promise<void> {
  await endParticipationsIn(tx, id, today);
  await tx
    .update(orgOfficers)
    .set({ until: today })
    .where(and(eq(orgOfficers.orgUnitId, id), isNull(orgOfficers.until)));
  await tx
    .update(partyOrgCoverage)
    .set({ until: today })
    .where(and(eq(partyOrgCoverage.orgUnitId, id), isNull(partyOrgCoverage.until)));
}
