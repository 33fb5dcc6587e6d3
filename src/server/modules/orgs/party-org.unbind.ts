import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import type { AuditActor } from '../../actor.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { orgSetupTasks, orgUnits, partyOrgCoverage, projects, type OrgUnitRow } from '../../db/schema/index.js';
import { addWorkingDays, provisionalYear } from '../../../domain/calendar.js';
import { stageIndex, type ProjectStage } from '../../../shared/project-stages.js';
import { notifyUsers } from '../notifications/index.js';
import { setPartyBranch } from '../projects/index.js';
import { SETUP_WORKING_DAYS } from './coverage.subscribers.js';

export interface SetupDue {
  dueOn: string;
  countedFrom: string;
  /** The year counted weekends-only (暂定) because its schedule is not loaded, else null. */
  provisionalYear: number | null;
}

/** The due date of a reopened 三同步 task: counted again from the day the branch went away (暂定 across a year not loaded). */
export async function reopenedDueOn(ctx: AppContext, today: string): Promise<SetupDue> {
  const cal = await ctx.calendar.get();
  const dueOn = addWorkingDays(cal, today, SETUP_WORKING_DAYS);
  return { dueOn, countedFrom: today, provisionalYear: provisionalYear(cal, today, dueOn) };
}

/**
 * An org that closes leaves no project bound to it. Every project whose party branch is `unit`
 * is rebound to another active org still covering it, or else unbound; an
 * unbound project still under way (before 竣工) gets its 三同步 "set up the branch" task reopened
 * with a fresh due date, and its 项目专员 is told. One audit row per project. Call before the
 * coverage rows of `unit` are ended, inside the closing transaction.
 */
export async function unbindProjectsOf(
  tx: Tx,
  who: AuditActor,
  unit: OrgUnitRow,
  due: SetupDue,
  now: Date,
): Promise<number[]> {
  const { dueOn, countedFrom, provisionalYear: provisional } = due;
  const affected = await tx.select().from(projects).where(eq(projects.partyBranchUnitId, unit.id));
  if (affected.length === 0) return [];
  // another active org still covering the project takes over as its branch
  const others = await tx
    .select({ projectId: partyOrgCoverage.projectId, orgUnitId: partyOrgCoverage.orgUnitId })
    .from(partyOrgCoverage)
    .innerJoin(orgUnits, eq(orgUnits.id, partyOrgCoverage.orgUnitId))
    .where(
      and(
        inArray(
          partyOrgCoverage.projectId,
          affected.map((p) => p.id),
        ),
        isNull(partyOrgCoverage.until),
        isNull(orgUnits.closedAt),
      ),
    )
    .orderBy(partyOrgCoverage.id);
  const takeOver = new Map<number, number>();
  for (const o of others)
    if (o.projectId !== null && o.orgUnitId !== unit.id && !takeOver.has(o.projectId))
      takeOver.set(o.projectId, o.orgUnitId);
  const reopened: number[] = [];
  for (const p of affected) {
    const next = takeOver.get(p.id) ?? null;
    await setPartyBranch(tx, p.id, next, now);
    const underWay = stageIndex(p.stage as ProjectStage) < stageIndex('completed');
    const reopen = next === null && underWay;
    if (reopen) {
      await tx
        .insert(orgSetupTasks)
        .values({
          projectId: p.id,
          kind: 'setup_branch',
          dueOn,
          countedFrom,
          provisionalYear: provisional,
          status: 'open',
          managerName: p.managerName,
        })
        .onConflictDoUpdate({
          target: [orgSetupTasks.projectId, orgSetupTasks.kind],
          set: {
            status: 'open',
            dueOn,
            countedFrom,
            provisionalYear: provisional,
            doneOn: null,
            orgUnitId: null,
            secretaryPersonId: null,
          },
        });
      reopened.push(p.id);
      if (p.commissionerUserId !== null)
        await notifyUsers(
          tx,
          [p.commissionerUserId],
          {
            kind: 'coverage.setup',
            title: {
              zh: `「${unit.name}」已撤销，「${p.name}」须重新建立党组织（三同步）`,
              en: `${unit.name} was closed: ${p.name} needs a party branch again`,
            },
            body: { zh: `请于 ${dueOn} 前完成组建。`, en: `Due by ${dueOn}.` },
            link: '/coverage',
            entity: 'project',
            entityId: p.id,
          },
          now,
        );
    }
    await recordAudit(
      tx,
      who,
      {
        entity: 'project',
        entityId: p.id,
        action: 'unbind_branch',
        before: { partyBranchUnitId: p.partyBranchUnitId },
        after: { partyBranchUnitId: next, setupTaskReopened: reopen ? { dueOn } : null, closedOrgUnitId: unit.id },
      },
      now,
    );
  }
  return reopened;
}
