import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { onEvent } from '../../events.js';
import { orgSetupTasks, orgUnits, partyOrgCoverage, projects, userRoles, users } from '../../db/schema/index.js';
import { chinaDate } from '../../../domain/dates.js';
import { addWorkingDays, provisionalYear } from '../../../domain/calendar.js';
import { notifyUsers } from '../notifications/index.js';

/** 三同步: the branch is to be set up within 20 working days of registration (暂定 across a year not loaded). */
export const SETUP_WORKING_DAYS = 20;

onEvent('project.created', async (tx, ctx, _who, { project }) => {
  const today = chinaDate(ctx.clock.now());
  const cal = await ctx.calendar.get();
  const dueOn = addWorkingDays(cal, today, SETUP_WORKING_DAYS);
  const done = project.partyBranchUnitId !== null;
  await tx
    .insert(orgSetupTasks)
    .values({
      projectId: project.id,
      kind: 'setup_branch',
      dueOn,
      countedFrom: today,
      provisionalYear: provisionalYear(cal, today, dueOn),
      status: done ? 'done' : 'open',
      managerName: project.managerName,
      orgUnitId: project.partyBranchUnitId,
      doneOn: done ? today : null,
    })
    .onConflictDoNothing();
});

/** A completed project: its temporary or joint branch is to be transformed or closed (转型或撤销). */
onEvent('project.stageChanged', async (tx, ctx, _who, { project, to }) => {
  if (to !== 'completed') return;
  const linked = await tx
    .select({ id: partyOrgCoverage.orgUnitId })
    .from(partyOrgCoverage)
    .where(and(eq(partyOrgCoverage.projectId, project.id), isNull(partyOrgCoverage.until)));
  const ids = [
    ...new Set([...linked.map((l) => l.id), ...(project.partyBranchUnitId ? [project.partyBranchUnitId] : [])]),
  ];
  if (ids.length === 0) return;
  const branches = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(
      and(
        inArray(orgUnits.id, ids),
        inArray(orgUnits.kind, ['temp_branch', 'joint_branch']),
        isNull(orgUnits.closedAt),
      ),
    );
  for (const b of branches) {
    // the branch's own accounts and the organisation department above it
    const recipients = await tx
      .selectDistinct({ id: users.id })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
      .leftJoin(userRoles, eq(userRoles.userId, users.id))
      .where(
        or(
          eq(users.scopeUnitId, b.id),
          and(eq(userRoles.roleCode, 'org_dept'), sql`${b.path} like ${orgUnits.path} || '%'`),
        ),
      );
    await notifyUsers(
      tx,
      recipients.map((r) => r.id),
      {
        kind: 'org.lifecycle',
        title: {
          zh: `「${project.name}」已竣工，「${b.name}」请转型或撤销`,
          en: `${project.name} is completed: transform or close ${b.name}`,
        },
        body: {
          zh: '可转型为商圈、楼宇或社区党支部；撤销时每名党员的组织关系须有去向。',
          en: 'Transform it into a business-district, building or community branch, or close it with a destination for every member.',
        },
        link: `/orgs?focus=${b.id}`,
        entity: 'party_org',
        entityId: b.id,
        dedupeKey: `org-lifecycle:${b.id}:${project.id}`,
      },
      ctx.clock.now(),
    );
  }
});

/**
 * A calendar year was loaded: open 三同步 tasks whose due date was provisional (暂定) are counted
 * again from their registration day; the project's commissioner hears when the date moved.
 */
onEvent('calendar.yearLoaded', async (tx, ctx, _who, { year, calendar, recomputed }) => {
  const rows = await tx
    .select({
      id: orgSetupTasks.id,
      dueOn: orgSetupTasks.dueOn,
      countedFrom: orgSetupTasks.countedFrom,
      status: orgSetupTasks.status,
      projectId: orgSetupTasks.projectId,
      projectName: projects.name,
      commissioner: projects.commissionerUserId,
    })
    .from(orgSetupTasks)
    .innerJoin(projects, eq(projects.id, orgSetupTasks.projectId))
    .where(and(isNotNull(orgSetupTasks.provisionalYear), isNotNull(orgSetupTasks.countedFrom)));
  const moved: number[] = [];
  for (const r of rows) {
    const from = r.countedFrom as string;
    const dueOn = addWorkingDays(calendar, from, SETUP_WORKING_DAYS);
    await tx
      .update(orgSetupTasks)
      .set({ dueOn, provisionalYear: provisionalYear(calendar, from, dueOn) })
      .where(eq(orgSetupTasks.id, r.id));
    if (dueOn === r.dueOn) continue;
    moved.push(r.id);
    if (r.status !== 'open' || !r.commissioner) continue;
    await notifyUsers(
      tx,
      [r.commissioner],
      {
        kind: 'org.setup_due_moved',
        title: {
          zh: `「${r.projectName}」组建党组织期限已按 ${year} 年节假日安排重新计算`,
          en: `${r.projectName}: the branch set-up deadline was recomputed with the ${year} schedule`,
        },
        body: { zh: `期限 ${r.dueOn} → ${dueOn}`, en: `Due ${r.dueOn} → ${dueOn}` },
        link: `/projects/${r.projectId}`,
        entity: 'org_setup_task',
        entityId: r.id,
      },
      ctx.clock.now(),
    );
  }
  recomputed.setupTasks = { items: rows.length, moved };
});
