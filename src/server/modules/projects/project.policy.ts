import type { Permission } from '../../../shared/permissions.js';
import { can, type Actor } from '../../actor.js';
import { AppError } from '../../errors.js';
import type { ProjectRow } from '../../db/schema/index.js';

/** Which permission each project action needs; finer rules below. */
export const projectPolicy = {
  list: 'projects.read',
  read: 'projects.read',
  board: 'projects.board',
  create: 'projects.write',
  update: 'projects.write',
  progress: 'projects.progress',
  rules: 'projects.rules',
} as const satisfies Record<string, Permission>;

/** The organisation department updates any project it sees; a commissioner only the ones they are 项目专员 of. */
export function canUpdateProgress(
  actor: Pick<Actor, 'permissions' | 'userId'>,
  p: Pick<ProjectRow, 'commissionerUserId'>,
): boolean {
  return can(actor, 'projects.write') || (can(actor, 'projects.progress') && p.commissionerUserId === actor.userId);
}

export function assertCanUpdateProgress(
  actor: Pick<Actor, 'permissions' | 'userId'>,
  p: Pick<ProjectRow, 'commissionerUserId'>,
): void {
  if (!canUpdateProgress(actor, p))
    throw new AppError('FORBIDDEN', {
      zh: '只有本项目的项目专员或组织部可以更新时间节点和进度',
      en: 'Only the project’s commissioner or the organisation department may update its nodes and progress',
    });
}

export function canConfirmDispatch(
  actor: Pick<Actor, 'permissions' | 'userId'>,
  p: Pick<ProjectRow, 'commissionerUserId'>,
): boolean {
  return can(actor, 'dispatch.manage') || (can(actor, 'dispatch.confirm') && p.commissionerUserId === actor.userId);
}

export function abilitiesOf(actor: Pick<Actor, 'permissions' | 'userId'>, p: Pick<ProjectRow, 'commissionerUserId'>) {
  return {
    edit: can(actor, 'projects.write'),
    progress: canUpdateProgress(actor, p),
    confirmDispatch: canConfirmDispatch(actor, p),
    handleApprovals: can(actor, 'approvals.handle'),
    supervise: can(actor, 'supervision.write'),
  };
}
