import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { onEvent } from '../../events.js';
import { orgSetupTasks, orgUnits, partyOrgCoverage, userRoles, users } from '../../db/schema/index.js';
import { addDays, chinaDate } from '../../../domain/dates.js';
import { addWorkingDays, CalendarYearMissingError } from '../../../domain/calendar.js';
import { notifyUsers } from '../notifications/notification.service.js';

/** 三同步: the branch is to be set up within 20 working days of registration (30 calendar days when the next year's calendar is not loaded yet). */
export const SETUP_WORKING_DAYS = 20;
export const SETUP_CALENDAR_DAYS_FALLBACK = 30;

onEvent('project.created', async (tx, ctx, _who, { project }) => {
  const today = chinaDate(ctx.clock.now());
  let dueOn: string;
  try {
    dueOn = addWorkingDays(await ctx.calendar.get(), today, SETUP_WORKING_DAYS);
  } catch (e) {
    if (!(e instanceof CalendarYearMissingError)) throw e;
    dueOn = addDays(today, SETUP_CALENDAR_DAYS_FALLBACK);
  }
  const done = project.partyBranchUnitId !== null;
  await tx
    .insert(orgSetupTasks)
    .values({
      projectId: project.id,
      kind: 'setup_branch',
      dueOn,
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
