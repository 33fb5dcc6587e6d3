import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { hashPassword, verifyPassword } from '../../crypto/password.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { auditActorOf, type Actor, type AuditActor } from '../../actor.js';
import { hashSessionToken } from '../../http/authenticate.js';
import { clearAttempts, getAttempts, reserveAttempt } from './login-attempts.js';
import { deleteSession, deleteUserSessions, findSessionUser, insertSession } from './session.repository.js';
import { presentMe } from './auth.presenter.js';
import type { Me } from '../../../shared/api/auth.js';
import { findAccountById, findUserByUsername, recordLogin, setOwnPassword } from '../users/index.js';
import { authText } from './auth.messages.js';
import { passwordProblem } from '../../../shared/password-policy.js';
import { getSetting, putSetting } from '../settings/index.js';
import { createHash, timingSafeEqual } from 'node:crypto';

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
}

interface RequestMeta {
  ip: string;
  requestId: string;
}

const anonymous = (username: string, meta: RequestMeta): AuditActor => ({
  userId: null,
  name: username.slice(0, 64) || '(empty)',
  scopePath: '/',
  ip: meta.ip,
  requestId: meta.requestId,
});

/**
 * Logs a user in. Each attempt first reserves a slot in the per-username counter (whether or not
 * the name exists); a name without a free slot is refused before any password is checked, so at
 * most the configured number of passwords is checked per lock window, however many requests come
 * at once. A failure keeps its slot; the attempt that takes the last slot locks the name.
 */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  meta: RequestMeta,
): Promise<LoginResult> {
  const { config, clock } = ctx;
  const now = clock.now();
  const name = username.trim();
  const max = config.loginMaxFailures;
  const slot = await reserveAttempt(ctx.db, name, now, max, config.lockoutMinutes);
  if (!slot) {
    const state = await getAttempts(ctx.db, name);
    const until = state?.lockedUntil ?? new Date(now.getTime() + config.lockoutMinutes * 60_000);
    throw new AppError('ACCOUNT_LOCKED', authText.locked(until, now, max, config.lockoutMinutes));
  }
  const locked = Boolean(slot.lockedUntil && slot.lockedUntil > now);

  const user = await findUserByUsername(ctx.db, name);
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!ok || !user) {
    await ctx.db.transaction(async (tx) => {
      await recordAudit(
        tx,
        anonymous(name, meta),
        {
          entity: 'auth',
          entityId: user?.id ?? null,
          action: locked ? 'account_locked' : 'login_failed',
          after: { username: name, failures: slot.failures },
        },
        now,
      );
    });
    if (locked && slot.lockedUntil)
      throw new AppError('ACCOUNT_LOCKED', authText.locked(slot.lockedUntil, now, max, config.lockoutMinutes));
    if (user && user.passwordHash === null) throw new AppError('BAD_CREDENTIALS', authText.noPassword);
    throw new AppError('BAD_CREDENTIALS', authText.badCredentials(max - slot.failures, max, config.lockoutMinutes));
  }
  if (user.disabled) {
    await clearAttempts(ctx.db, name);
    throw new AppError('UNAUTHENTICATED', authText.disabled);
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await ctx.db.transaction(async (tx) => {
    await clearAttempts(tx, name);
    await insertSession(tx, { id: hashSessionToken(token), userId: user.id, csrfToken, at: now, ip: meta.ip });
    await recordLogin(tx, user.id, now);
    await recordAudit(
      tx,
      { userId: user.id, name: user.username, scopePath: '/', ip: meta.ip, requestId: meta.requestId },
      { entity: 'auth', entityId: user.id, action: 'login' },
      now,
    );
  });
  return { token, csrfToken, userId: user.id };
}

/** The signed-in user of a session, as GET /api/auth/me answers it. */
export async function currentUser(ctx: AppContext, sessionId: string): Promise<Me> {
  const row = await findSessionUser(ctx.db, sessionId);
  if (!row) throw notFound();
  return presentMe(row, ctx.config.sessionIdleMinutes);
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await deleteSession(tx, actor.sessionId);
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'auth', entityId: actor.userId, action: 'logout' },
      ctx.clock.now(),
    );
  });
}

function assertStrong(pw: string, username: string): void {
  const problem = passwordProblem(pw, username);
  if (problem) throw invalid({ zh: `新密码：${problem.zh}`, en: `newPassword: ${problem.en}` });
}

/** Changes the actor's own password; other sessions of the user end. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await findAccountById(ctx.db, actor.userId);
  if (!user || !(await verifyPassword(oldPassword, user.passwordHash))) throw invalid(authText.wrongOldPassword);
  if (oldPassword === newPassword) throw invalid(authText.samePassword);
  assertStrong(newPassword, actor.username);
  const hash = await hashPassword(newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await setOwnPassword(tx, actor.userId, hash, now);
    await deleteUserSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'user', entityId: actor.userId, action: 'change_password' },
      now,
    );
  });
}

const SETUP_KEY = 'setup_token_hash';

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Production first start: is the first administrator still without a password? */
export async function isSetupNeeded(ctx: AppContext): Promise<boolean> {
  return (await getSetting(ctx.db, SETUP_KEY)) !== undefined;
}

/** Creates the one-time setup token (its hash is stored; the token is printed once at start). */
export async function createSetupToken(ctx: AppContext): Promise<string> {
  const token = randomBytes(12).toString('base64url');
  await ctx.db.transaction(async (tx) => {
    await putSetting(tx, SETUP_KEY, sha256(token), null, ctx.clock.now());
  });
  return token;
}

/** Sets the first administrator's password with the setup token; the token is then spent. */
export async function completeSetup(
  ctx: AppContext,
  setupToken: string,
  newPassword: string,
  meta: RequestMeta,
): Promise<void> {
  const now = ctx.clock.now();
  assertStrong(newPassword, 'admin');
  const hash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    const stored = await getSetting(tx, SETUP_KEY, true);
    if (typeof stored !== 'string') throw new AppError('CONFLICT', authText.setupNotNeeded);
    const a = Buffer.from(stored);
    const b = Buffer.from(sha256(setupToken));
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError('FORBIDDEN', authText.setupBadToken);
    const admin = await findUserByUsername(tx, 'admin');
    if (!admin) throw new AppError('CONFLICT', authText.setupNotNeeded);
    await setOwnPassword(tx, admin.id, hash, now);
    await putSetting(tx, SETUP_KEY, null, null, now);
    await recordAudit(
      tx,
      { userId: admin.id, name: 'admin', scopePath: '/', ip: meta.ip, requestId: meta.requestId },
      { entity: 'user', entityId: admin.id, action: 'setup_password' },
      now,
    );
  });
}
