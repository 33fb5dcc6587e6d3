import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { isTriadAccount, TRIAD_ACCOUNT_PROTECTED } from '../../../domain/separation.js';
import { users } from '../../db/schema/index.js';
import { hashPassword } from '../../crypto/password.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { passwordProblem } from '../../../shared/password-policy.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { findUnitInScope } from '../orgs/index.js';
import { emitEvent } from '../../events.js';
import {
  findUserInScope,
  listUsers,
  lockUser,
  rolesOf,
  usernameExists,
  type UserFilter,
  type UserRecord,
} from './user.repository.js';
import { auditSnapshot, presentUser } from './user.presenter.js';
import type { UserView } from '../../../shared/api/users.js';
import type { Page } from '../../http/pagination.js';

const USER = { zh: '用户', en: 'User' };
const UNIT = { zh: '所属单位', en: 'Unit' };

function assertStrong(pw: string, username: string): void {
  const problem = passwordProblem(pw, username);
  if (problem) throw invalid({ zh: `密码：${problem.zh}`, en: `password: ${problem.en}` });
}

async function requireUser(ctx: AppContext, actor: Actor, id: number): Promise<UserRecord> {
  const u = await findUserInScope(ctx.db, actor, id);
  if (!u) throw notFound(USER);
  return u;
}

/** 三员分立: no administrator account changes another's password, status, lock or details. */
function assertNotTriad(u: UserRecord, actor: Actor, allowSelf: boolean): void {
  if (isTriadAccount(u.roles) && !(allowSelf && u.id === actor.userId))
    throw new AppError('FORBIDDEN', TRIAD_ACCOUNT_PROTECTED);
}

export const SCOPE_IS_A_GRANT = {
  zh: '数据范围（所属单位）决定用户能看到哪些数据，属于授权，只能由安全管理员在“角色授权”中调整',
  en: 'A user’s scope is a grant: only the security administrator changes it',
};

export async function listUsersFor(ctx: AppContext, actor: Actor, f: UserFilter): Promise<Page<UserView>> {
  const now = ctx.clock.now();
  const { rows, total } = await listUsers(ctx.db, actor, f, now);
  return { data: rows.map((u) => presentUser(u, ctx.cipher, now)), total, page: f.page, pageSize: f.pageSize };
}

export async function getUser(ctx: AppContext, actor: Actor, id: number): Promise<UserView> {
  return presentUser(await requireUser(ctx, actor, id), ctx.cipher, ctx.clock.now());
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  scopeUnitId: number;
  title?: string | undefined;
  phone?: string | undefined;
  password: string;
}

/** Creates an account in the actor's subtree; the user must change the initial password at first login. */
export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserInput): Promise<UserView> {
  assertStrong(input.password, input.username);
  if (!(await findUnitInScope(ctx.db, actor.scope.path, input.scopeUnitId))) throw notFound(UNIT);
  if (await usernameExists(ctx.db, input.username))
    throw conflict({ zh: `用户名 ${input.username} 已被使用`, en: `Username ${input.username} is taken` });
  const hash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        pinyin: pinyinKey(input.displayName),
        passwordHash: hash,
        mustChangePassword: true,
        scopeUnitId: input.scopeUnitId,
        title: input.title ?? null,
        phoneEnc: input.phone ? ctx.cipher.encrypt(input.phone) : null,
        phoneHash: input.phone ? ctx.cipher.blindIndex(input.phone) : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    if (!row) throw new Error('insert failed');
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'user',
        entityId: row.id,
        action: 'create',
        after: auditSnapshot({
          ...input,
          title: input.title ?? null,
          disabled: false,
          roles: [],
          phoneChanged: Boolean(input.phone),
        }),
      },
      now,
    );
    return row.id;
  });
  return getUser(ctx, actor, id);
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  scopeUnitId?: number | undefined;
  title?: string | null | undefined;
  phone?: string | null | undefined;
  disabled?: boolean | undefined;
}

export async function updateUser(ctx: AppContext, actor: Actor, id: number, input: UpdateUserInput): Promise<UserView> {
  const before = await requireUser(ctx, actor, id);
  assertNotTriad(before, actor, true);
  // The edit form sends the unchanged scope back; only a different one is a (refused) grant.
  if (input.scopeUnitId !== undefined && input.scopeUnitId !== before.scopeUnitId)
    throw new AppError('FORBIDDEN', SCOPE_IS_A_GRANT);
  if (input.disabled === true && id === actor.userId)
    throw conflict({ zh: '不能停用自己的账号', en: 'You cannot disable your own account' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockUser(tx, id);
    assertNotTriad({ ...before, roles: await rolesOf(tx, id) }, actor, true);
    await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined
          ? { displayName: input.displayName, pinyin: pinyinKey(input.displayName) }
          : {}),
        ...(input.scopeUnitId !== undefined ? { scopeUnitId: input.scopeUnitId } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.phone !== undefined
          ? {
              phoneEnc: input.phone ? ctx.cipher.encrypt(input.phone) : null,
              phoneHash: input.phone ? ctx.cipher.blindIndex(input.phone) : null,
            }
          : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        updatedAt: now,
      })
      .where(eq(users.id, id));
    if (input.disabled === true) await emitEvent(tx, ctx, auditActorOf(actor), 'user.disabled', { userId: id });
    const after = { ...before, ...input, title: input.title !== undefined ? input.title : before.title };
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'user',
        entityId: id,
        action: input.disabled === true ? 'disable' : input.disabled === false ? 'enable' : 'update',
        before: auditSnapshot(before),
        after: auditSnapshot({ ...after, phoneChanged: input.phone !== undefined }),
      },
      now,
    );
  });
  return getUser(ctx, actor, id);
}

/** Sets a temporary password; the user must change it at next login; their sessions end. */
export async function resetPassword(ctx: AppContext, actor: Actor, id: number, password: string): Promise<UserView> {
  const u = await requireUser(ctx, actor, id);
  assertNotTriad(u, actor, false);
  assertStrong(password, u.username);
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: true, updatedAt: now })
      .where(eq(users.id, id));
    await emitEvent(tx, ctx, auditActorOf(actor), 'user.passwordReset', { userId: id, username: u.username });
    await recordAudit(tx, auditActorOf(actor), { entity: 'user', entityId: id, action: 'reset_password' }, now);
  });
  return getUser(ctx, actor, id);
}

export async function unlockUser(ctx: AppContext, actor: Actor, id: number): Promise<UserView> {
  const u = await requireUser(ctx, actor, id);
  assertNotTriad(u, actor, false);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await emitEvent(tx, ctx, auditActorOf(actor), 'user.unlocked', { userId: id, username: u.username });
    await recordAudit(tx, auditActorOf(actor), { entity: 'user', entityId: id, action: 'unlock' }, now);
  });
  return getUser(ctx, actor, id);
}
