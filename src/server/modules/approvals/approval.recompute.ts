import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { onEvent } from '../../events.js';
import type { Executor } from '../../db/client.js';
import { approvalItems, projects, userRoles, users } from '../../db/schema/index.js';
import { ROLES, type RoleCode } from '../../../shared/roles.js';
import { addWorkingDays, type CalendarData } from '../../../domain/calendar.js';
import { yearOf } from '../../../domain/dates.js';
import { notifyUsers } from '../notifications/index.js';

/** The calendar before `year` was first loaded: that year counted on weekends only (暂定). */
export function withoutYear(cal: CalendarData, year: number): CalendarData {
  const outside = <V>(m: ReadonlyMap<string, V>) => new Map([...m].filter(([d]) => yearOf(d) !== year));
  return {
    years: new Set([...cal.years].filter((y) => y !== year)),
    holidays: outside(cal.holidays),
    workdays: outside(cal.workdays),
  };
}

const HANDLER_ROLES = (Object.keys(ROLES) as RoleCode[]).filter((r) =>
  ROLES[r].permissions.includes('approvals.handle'),
);

/** Active users of the handling department who hold the approvals permission (canHandle). */
async function itemHandlers(db: Executor, departmentUnitId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(users.scopeUnitId, departmentUnitId),
        inArray(userRoles.roleCode, HANDLER_ROLES),
        eq(users.disabled, false),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * A calendar year was loaded for the first time: an open approval item (申报 but not 办结) whose
 * due date was counted into that year on weekends only (暂定) gets its due date from the new
 * calendar on read; here its handling department is told when that date moved, and the moved ids go
 * into the calendar's audit row. Replacing a loaded year changes no provisional date, so nothing.
 */
onEvent('calendar.yearLoaded', async (tx, ctx, _who, { year, calendar, replaced, recomputed }) => {
  if (replaced) return;
  const old = withoutYear(calendar, year);
  const rows = await tx
    .select({
      id: approvalItems.id,
      projectId: approvalItems.projectId,
      name: approvalItems.name,
      nameEn: approvalItems.nameEn,
      departmentUnitId: approvalItems.departmentUnitId,
      targetDays: approvalItems.targetDays,
      submittedOn: approvalItems.submittedOn,
      projectName: projects.name,
    })
    .from(approvalItems)
    .innerJoin(projects, eq(projects.id, approvalItems.projectId))
    .where(and(isNotNull(approvalItems.submittedOn), isNull(approvalItems.completedOn)))
    .orderBy(asc(approvalItems.id));
  const now = ctx.clock.now();
  const moved: number[] = [];
  let items = 0;
  for (const r of rows) {
    const submittedOn = r.submittedOn!;
    const before = addWorkingDays(old, submittedOn, r.targetDays);
    // Only a due date counted across the loaded year was provisional on it.
    if (yearOf(submittedOn) > year || yearOf(before) < year) continue;
    items++;
    const after = addWorkingDays(calendar, submittedOn, r.targetDays);
    if (after === before) continue;
    moved.push(r.id);
    if (r.departmentUnitId === null) continue;
    const line = `办结时限 ${before} → ${after}`;
    await notifyUsers(
      tx,
      await itemHandlers(tx, r.departmentUnitId),
      {
        kind: 'approval.deadline_moved',
        title: {
          zh: `「${r.projectName}」${r.name}的办结时限已按 ${year} 年节假日安排重新计算`,
          en: `Due date of “${r.nameEn ?? r.name}” (${r.projectName}) recomputed with the ${year} schedule`,
        },
        body: { zh: line, en: `Due ${before} → ${after}` },
        link: `/projects/${r.projectId}`,
        entity: 'approval_item',
        entityId: r.id,
      },
      now,
    );
  }
  recomputed.approvals = { items, moved };
});
