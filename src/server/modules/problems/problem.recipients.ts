import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits, problemDeptSettings, projects, userRoles, users } from '../../db/schema/index.js';
import type { RoleCode } from '../../../shared/roles.js';

/** Active users holding one of `roles` whose scope node is exactly one of `unitIds`. */
async function usersAt(db: Executor, unitIds: number[], roles: RoleCode[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(users.scopeUnitId, unitIds), inArray(userRoles.roleCode, roles), eq(users.disabled, false)));
  return rows.map((r) => r.id);
}

/** Ancestors of a path, itself included: "/1/4/12/" → [1, 4, 12]. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** Who responds to a new problem (党委响应): 组织部 above it and the commissioners of its township or project. */
export async function triageUsers(db: Executor, scopePath: string, projectId: number | null): Promise<number[]> {
  const ids = await usersAt(db, pathIds(scopePath), ['org_dept', 'commissioner']);
  if (projectId !== null) {
    const [p] = await db.select({ c: projects.commissionerUserId }).from(projects).where(eq(projects.id, projectId));
    if (p?.c) ids.push(p.c);
  }
  return [...new Set(ids)];
}

/** The handlers of a department (部门报到). */
export async function deptHandlers(db: Executor, deptUnitId: number): Promise<number[]> {
  return usersAt(db, [deptUnitId], ['dept_handler']);
}

async function deptSettings(db: Executor, deptUnitId: number) {
  const [s] = await db.select().from(problemDeptSettings).where(eq(problemDeptSettings.deptUnitId, deptUnitId));
  return s;
}

/** 催办 goes to the department's head (configured), or to its handlers when none is set. */
export async function deptHead(db: Executor, deptUnitId: number): Promise<number[]> {
  const s = await deptSettings(db, deptUnitId);
  return s?.headUserId ? [s.headUserId] : deptHandlers(db, deptUnitId);
}

/**
 * 通报 goes to the leader in charge: the department's 分管领导 (configured), else the project's
 * 包联领导, else the 组织部 of the region.
 */
export async function leaderInCharge(
  db: Executor,
  deptUnitId: number | null,
  projectId: number | null,
  scopePath: string,
): Promise<number[]> {
  if (deptUnitId !== null) {
    const s = await deptSettings(db, deptUnitId);
    if (s?.leaderUserId) return [s.leaderUserId];
  }
  if (projectId !== null) {
    const [p] = await db.select({ l: projects.leaderUserId }).from(projects).where(eq(projects.id, projectId));
    if (p?.l) return [p.l];
  }
  return usersAt(db, pathIds(scopePath).slice(0, 1), ['org_dept', 'leader']);
}

/** The raiser and the firm's contacts: they receive feedback and rate. */
export async function raiserSide(
  db: Executor,
  firmUnitId: number | null,
  raiserUserId: number | null,
): Promise<number[]> {
  const ids = firmUnitId === null ? [] : await usersAt(db, [firmUnitId], ['firm_contact']);
  if (raiserUserId !== null) ids.push(raiserUserId);
  return [...new Set(ids)];
}

/** Whether a user may act as owner of problems under `scopePath` (holds triage rights above it). */
export async function isTriageUserFor(
  db: Executor,
  userId: number,
  scopePath: string,
): Promise<{ unitId: number } | undefined> {
  const [row] = await db
    .select({ unitId: users.scopeUnitId })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(users.id, userId),
        eq(users.disabled, false),
        inArray(userRoles.roleCode, ['org_dept', 'commissioner']),
        sql`${scopePath} like ${orgUnits.path} || '%'`,
      ),
    );
  return row;
}
