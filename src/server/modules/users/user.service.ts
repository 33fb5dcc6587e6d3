import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { users } from '../../db/schema/index.js';
import { hashPassword } from '../../crypto/password.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { isStrongPassword, PASSWORD_RULE } from '../../../shared/password-policy.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { findUnitInScope } from '../orgs/org.repository.js';
import { clearAttempts } from '../auth/login-attempts.js';
import { deleteUserSessions } from '../auth/session.repository.js';
import {
  findUserInScope,
  listUsers,
  lockUser,
  usernameExists,
  type UserFilter,
  type UserRecord,
} from './user.repository.js';
import { auditSnapshot, presentUser } from './user.presenter.js';
import type { UserView } from './user.schemas.js';
import type { Page } from '../../http/pagination.js';

const USER = { zh: '用户', en: 'User' };
const UNIT = { zh: '所属单位', en: 'Unit' };

function assertStrong(pw: string): void {
  if (!isStrongPassword(pw)) throw invalid({ zh: `密码：${PASSWORD_RULE.zh}`, en: `password: ${PASSWORD_RULE.en}` });
}

async function requireUser(ctx: AppContext, actor: Actor, id: number): Promise<UserRecord> {
  const u = await findUserInScope(ctx.db, actor.scope.path, id);
  if (!u) throw notFound(USER);
  return u;
}

export async function listUsersFor(ctx: AppContext, actor: Actor, f: UserFilter): Promise<Page<UserView>> {
  const now = ctx.clock.now();
  const { rows, total } = await listUsers(ctx.db, actor.scope.path, f, now);
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
  assertStrong(input.password);
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
  if (input.scopeUnitId !== undefined && !(await findUnitInScope(ctx.db, actor.scope.path, input.scopeUnitId)))
    throw notFound(UNIT);
  if (input.disabled === true && id === actor.userId)
    throw conflict({ zh: '不能停用自己的账号', en: 'You cannot disable your own account' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockUser(tx, id);
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
    if (input.disabled === true) await deleteUserSessions(tx, id);
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
  assertStrong(password);
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: true, updatedAt: now })
      .where(eq(users.id, id));
    await deleteUserSessions(tx, id);
    await clearAttempts(tx, u.username);
    await recordAudit(tx, auditActorOf(actor), { entity: 'user', entityId: id, action: 'reset_password' }, now);
  });
  return getUser(ctx, actor, id);
}

export async function unlockUser(ctx: AppContext, actor: Actor, id: number): Promise<UserView> {
  const u = await requireUser(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await clearAttempts(tx, u.username);
    await recordAudit(tx, auditActorOf(actor), { entity: 'user', entityId: id, action: 'unlock' }, now);
  });
  return getUser(ctx, actor, id);
}
