import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { orgUnits, problemCategoryRoutes } from '../../db/schema/index.js';
import { notFound } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { inSubtree } from '../../scope.js';
import { PROBLEM_CATEGORIES, PROBLEM_CATEGORY_CODES } from '../../../shared/problem-categories.js';
import type { CategoryRoute } from '../../../shared/api/problems.js';

/**
 * 类别 → 承办部门: the routing table 组织部 keeps. It only suggests: the 交办 form preselects the
 * department and the person dispatching may pick another (the dispatch step validates whatever is sent).
 */
export async function listCategoryRoutes(db: Executor): Promise<CategoryRoute[]> {
  const rows = await db
    .select({
      category: problemCategoryRoutes.category,
      deptId: orgUnits.id,
      deptName: orgUnits.name,
      updatedAt: problemCategoryRoutes.updatedAt,
    })
    .from(problemCategoryRoutes)
    .innerJoin(orgUnits, eq(orgUnits.id, problemCategoryRoutes.deptUnitId));
  const byCode = new Map(rows.map((r) => [r.category, r]));
  return PROBLEM_CATEGORIES.map((c) => {
    const r = byCode.get(c.code);
    return {
      code: c.code,
      zh: c.zh,
      en: c.en,
      dept: r ? { id: r.deptId, name: r.deptName } : null,
      updatedAt: r?.updatedAt.toISOString() ?? null,
    };
  });
}

/** The department the table routes a category to, or null. */
export async function routedDeptOf(db: Executor, category: string): Promise<number | null> {
  const [r] = await db
    .select({ deptId: problemCategoryRoutes.deptUnitId })
    .from(problemCategoryRoutes)
    .where(eq(problemCategoryRoutes.category, category));
  return r?.deptId ?? null;
}

/** 组织部 sets (deptId) or removes (null) a category's department; audited in the same transaction. */
export async function saveCategoryRoute(
  ctx: AppContext,
  actor: Actor,
  code: string,
  deptId: number | null,
): Promise<CategoryRoute[]> {
  if (!PROBLEM_CATEGORY_CODES.includes(code)) throw notFound({ zh: '问题类别', en: 'Category' });
  if (deptId !== null) {
    // An open department inside the actor's subtree; anything else reads as not found.
    const [d] = await ctx.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.id, deptId),
          eq(orgUnits.kind, 'department'),
          isNull(orgUnits.closedAt),
          inSubtree(orgUnits.path, actor.scope.path),
        ),
      );
    if (!d) throw notFound({ zh: '部门', en: 'Department' });
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(problemCategoryRoutes).where(eq(problemCategoryRoutes.category, code));
    if (deptId === null) {
      if (!before) return;
      await tx.delete(problemCategoryRoutes).where(eq(problemCategoryRoutes.category, code));
    } else {
      const values = { deptUnitId: deptId, updatedAt: now, updatedBy: actor.userId };
      await tx
        .insert(problemCategoryRoutes)
        .values({ category: code, ...values })
        .onConflictDoUpdate({ target: problemCategoryRoutes.category, set: values });
    }
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'problem_category_route',
        entityId: code,
        action: deptId === null ? 'delete' : before ? 'update' : 'create',
        before: before ? { deptUnitId: before.deptUnitId } : null,
        after: deptId === null ? null : { deptUnitId: deptId },
      },
      now,
    );
  });
  return listCategoryRoutes(ctx.db);
}
