import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import type { SlaPolicy } from '../../../domain/sla.js';
import { auditActorOf, type Actor } from '../../actor.js';
import {
  orgUnits,
  problemCategorySla,
  problemDeptSettings,
  projects,
  userRoles,
  users,
  webhookDeliveries,
} from '../../db/schema/index.js';
import { invalid, notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { inSubtree } from '../../scope.js';
import { projectVisibleTo } from '../projects/index.js';
import { categoryOf, PROBLEM_CATEGORIES, PROBLEM_CATEGORY_CODES } from '../../../shared/problem-categories.js';
import { safeDeliveryError } from './problem.webhook.js';
import type { DeptSettings, DeptSettingsInput, WebhookKind } from '../../../shared/api/problems.js';
import { BLOCKED_LABELS, parseAllowList } from '../../net/address-policy.js';
import { refusedTarget } from '../../net/guarded-post.js';

/** The SLA of a category: 组织部's override when set, else the default. Frozen into each dispatch event. */
export async function slaPolicyFor(db: Executor, category: string): Promise<SlaPolicy> {
  const [o] = await db.select().from(problemCategorySla).where(eq(problemCategorySla.category, category));
  if (o) return { signDays: o.signDays, answerDays: o.answerDays, feedbackAfterAnswerDays: o.feedbackAfterAnswerDays };
  const c = categoryOf(category);
  return { signDays: c.signDays, answerDays: c.answerDays, feedbackAfterAnswerDays: c.feedbackAfterAnswerDays };
}

export async function listCategorySla(db: Executor) {
  const overrides = new Map((await db.select().from(problemCategorySla)).map((o) => [o.category, o]));
  return PROBLEM_CATEGORIES.map((c) => {
    const o = overrides.get(c.code);
    return {
      code: c.code,
      zh: c.zh,
      en: c.en,
      signDays: o?.signDays ?? c.signDays,
      answerDays: o?.answerDays ?? c.answerDays,
      feedbackAfterAnswerDays: o?.feedbackAfterAnswerDays ?? c.feedbackAfterAnswerDays,
      customised: Boolean(o),
    };
  });
}

const DEPT = { zh: '部门', en: 'Department' };

/** The region a user works in: the first node of their scope path. */
const regionOf = (actor: Actor) => `/${actor.scope.path.split('/')[1]}/`;

/** Departments of the actor's region (a township commissioner dispatches to region departments too). */
export async function listDepartments(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.kind, 'department'),
        sql`${orgUnits.path} like ${`${regionOf(actor)}%`}`,
        sql`${orgUnits.closedAt} is null`,
      ),
    )
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.id));
  return { data: rows };
}

/** Projects the actor may raise a problem about (the one visibility rule). */
export async function projectOptions(ctx: AppContext, actor: Actor, q: string | undefined) {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await ctx.db
    .select({ id: projects.id, name: projects.name, ownerFirmUnitId: projects.ownerFirmUnitId })
    .from(projects)
    .where(
      and(projectVisibleTo(actor), like ? or(ilike(projects.name, like), ilike(projects.pinyin, like)) : undefined),
    )
    .orderBy(asc(projects.code))
    .limit(50);
  return { data: rows };
}

/**
 * A department whose settings the actor may read and change: in the actor's own subtree (the
 * region's 组织部 configures every department; a township's does not configure the region's).
 */
async function requireDept(ctx: AppContext, actor: Actor, deptId: number) {
  const [d] = await ctx.db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, deptId), eq(orgUnits.kind, 'department'), inSubtree(orgUnits.path, actor.scope.path)));
  if (!d) throw notFound(DEPT);
  return d;
}

/** People who can be a department's head (its handlers) or leader in charge (leaders, 组织部 of the region). */
async function candidates(ctx: AppContext, actor: Actor, deptId: number) {
  return ctx.db
    .selectDistinct({ id: users.id, name: users.displayName, title: users.title, unitId: users.scopeUnitId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
    .where(
      and(
        eq(users.disabled, false),
        or(
          eq(users.scopeUnitId, deptId),
          and(inArray(userRoles.roleCode, ['leader', 'org_dept']), sql`${orgUnits.path} like ${`${regionOf(actor)}%`}`),
        ),
      ),
    )
    .orderBy(asc(users.id));
}

function maskUrl(url: string): string {
  const u = new URL(url);
  for (const k of ['key', 'access_token']) {
    const v = u.searchParams.get(k);
    if (v) u.searchParams.set(k, `${v.slice(0, 4)}****`);
  }
  return u.toString();
}

export async function getDeptSettings(ctx: AppContext, actor: Actor, deptId: number): Promise<DeptSettings> {
  const dept = await requireDept(ctx, actor, deptId);
  const [s] = await ctx.db.select().from(problemDeptSettings).where(eq(problemDeptSettings.deptUnitId, deptId));
  const deliveries = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.deptUnitId, deptId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(50);
  return {
    dept: { id: dept.id, name: dept.name },
    headUserId: s?.headUserId ?? null,
    leaderUserId: s?.leaderUserId ?? null,
    webhookKind: (s?.webhookKind as WebhookKind | null) ?? null,
    webhookUrl: s?.webhookUrlEnc ? maskUrl(ctx.cipher.decrypt(s.webhookUrlEnc)) : null,
    hasSecret: Boolean(s?.webhookSecretEnc),
    webhookEnabled: s?.webhookEnabled ?? false,
    candidates: await candidates(ctx, actor, deptId),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      problemId: d.problemId,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: safeDeliveryError(d.lastError),
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      nextAttemptAt: d.nextAttemptAt.toISOString(),
    })),
  };
}

/** A robot URL must point outside the server's networks (SSRF), unless the operator allow-listed it. */
async function assertPublicTarget(ctx: AppContext, url: string): Promise<void> {
  const kind = await refusedTarget(url, parseAllowList(ctx.config.webhookAllow));
  if (!kind) return;
  const what = BLOCKED_LABELS[kind];
  throw invalid(
    {
      zh: `群机器人地址：不能指向${what.zh}（本机、内网、链路本地、组播或保留地址），请填写企业微信或钉钉的公网地址；确需使用内网地址的，请运维人员在 XIANFENG_WEBHOOK_ALLOW 中列出`,
      en: `webhook URL: must not point to ${what.en} (loopback, private, link-local, multicast or reserved); use the robot's public URL, or ask the operator to list the host in XIANFENG_WEBHOOK_ALLOW`,
    },
    { field: 'webhookUrl', refused: kind },
  );
}

/** Sets a department's head, leader in charge and group robot; the robot URL and secret are encrypted at rest. */
export async function saveDeptSettings(
  ctx: AppContext,
  actor: Actor,
  deptId: number,
  input: DeptSettingsInput,
): Promise<DeptSettings> {
  await requireDept(ctx, actor, deptId);
  if (typeof input.webhookUrl === 'string') await assertPublicTarget(ctx, input.webhookUrl);
  const allowed = new Set((await candidates(ctx, actor, deptId)).map((c) => c.id));
  for (const id of [input.headUserId, input.leaderUserId])
    if (id !== null && !allowed.has(id)) throw notFound({ zh: '人员', en: 'Person' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(problemDeptSettings).where(eq(problemDeptSettings.deptUnitId, deptId));
    const urlEnc =
      input.webhookUrl === undefined
        ? (before?.webhookUrlEnc ?? null)
        : input.webhookUrl === null
          ? null
          : ctx.cipher.encrypt(input.webhookUrl);
    const secretEnc =
      input.webhookSecret === undefined
        ? (before?.webhookSecretEnc ?? null)
        : input.webhookSecret === null
          ? null
          : ctx.cipher.encrypt(input.webhookSecret);
    if (input.webhookEnabled && (!input.webhookKind || !urlEnc))
      throw invalid({
        zh: '群机器人：启用前请选择类型并填写地址',
        en: 'webhook: choose a kind and enter the URL before enabling it',
      });
    const values = {
      headUserId: input.headUserId,
      leaderUserId: input.leaderUserId,
      webhookKind: input.webhookKind,
      webhookUrlEnc: urlEnc,
      webhookSecretEnc: secretEnc,
      webhookEnabled: input.webhookEnabled,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    await tx
      .insert(problemDeptSettings)
      .values({ deptUnitId: deptId, ...values })
      .onConflictDoUpdate({ target: problemDeptSettings.deptUnitId, set: values });
    const snap = (
      v:
        | {
            headUserId: number | null;
            leaderUserId: number | null;
            webhookKind: string | null;
            webhookEnabled: boolean;
          }
        | undefined,
    ) =>
      v && {
        headUserId: v.headUserId,
        leaderUserId: v.leaderUserId,
        webhookKind: v.webhookKind,
        webhookEnabled: v.webhookEnabled,
      };
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'problem_dept_settings',
        entityId: deptId,
        action: 'update',
        before: snap(before),
        after: { ...snap(values), webhookUrl: input.webhookUrl === undefined ? '(unchanged)' : '(changed)' },
      },
      now,
    );
  });
  return getDeptSettings(ctx, actor, deptId);
}

/** 组织部 sets a category's working-day limits; dispatches made afterwards use them. */
export async function saveCategorySla(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: { signDays: number; answerDays: number; feedbackAfterAnswerDays: number },
) {
  if (!PROBLEM_CATEGORY_CODES.includes(code)) throw notFound({ zh: '问题类别', en: 'Category' });
  if (input.signDays > input.answerDays)
    throw invalid({ zh: '签收时限不能长于答复时限', en: 'The signing limit cannot exceed the answer limit' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(problemCategorySla).where(eq(problemCategorySla.category, code));
    await tx
      .insert(problemCategorySla)
      .values({ category: code, ...input, updatedAt: now, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: problemCategorySla.category,
        set: { ...input, updatedAt: now, updatedBy: actor.userId },
      });
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'problem_category_sla', entityId: code, action: 'update', before: before ?? null, after: input },
      now,
    );
  });
}
