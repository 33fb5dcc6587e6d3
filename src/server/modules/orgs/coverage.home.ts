import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { can } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { orgSetupTasks, orgUnits, partyOrgCoverage, projects } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { chinaDate } from '../../../domain/dates.js';
import type { HomeItem, HomeProvider } from '../home/index.js';

/** 三同步: open "set up the branch" tasks in scope, overdue ones in red. */
export const setupTasksHome: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'coverage.read')) return [];
  const today = chinaDate(ctx.clock.now());
  const [row] = await ctx.db
    .select({
      n: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${orgSetupTasks.dueOn} < ${today})::int`,
    })
    .from(orgSetupTasks)
    .innerJoin(projects, eq(projects.id, orgSetupTasks.projectId))
    .innerJoin(orgUnits, eq(orgUnits.id, projects.townshipUnitId))
    .where(and(eq(orgSetupTasks.status, 'open'), inSubtree(orgUnits.path, actor.scope.path)));
  const n = row?.n ?? 0;
  if (!n) return [];
  const o = row?.overdue ?? 0;
  return [
    {
      key: 'coverage-setup-tasks',
      level: o ? 'danger' : 'warning',
      title: {
        zh: `三同步：${n} 个新登记项目待组建党支部${o ? `（${o} 个已超期）` : ''}`,
        en: `${n} new projects need their branch set up${o ? ` (${o} overdue)` : ''}`,
      },
      count: n,
      link: '/coverage?tab=tasks',
    },
  ];
};

/** Temporary and joint branches in scope whose covered projects are all completed: to transform or close (转型或撤销). */
export async function branchesToTransformOrClose(
  db: Executor,
  scopePath: string,
): Promise<Array<{ id: number; name: string; kind: string; projects: string[] }>> {
  const rows = await db
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      kind: orgUnits.kind,
      open: sql<number>`count(*) filter (where ${projects.stage} not in ('completed','operating'))::int`,
      projects: sql<string[]>`array_agg(${projects.name} order by ${projects.id})`,
    })
    .from(orgUnits)
    .innerJoin(
      partyOrgCoverage,
      and(
        eq(partyOrgCoverage.orgUnitId, orgUnits.id),
        isNull(partyOrgCoverage.until),
        eq(partyOrgCoverage.targetKind, 'project'),
      ),
    )
    .innerJoin(projects, eq(projects.id, partyOrgCoverage.projectId))
    .where(
      and(
        inArray(orgUnits.kind, ['temp_branch', 'joint_branch']),
        isNull(orgUnits.closedAt),
        inSubtree(orgUnits.path, scopePath),
      ),
    )
    .groupBy(orgUnits.id, orgUnits.name, orgUnits.kind)
    .orderBy(orgUnits.id);
  return rows.filter((r) => r.open === 0).map(({ open: _o, ...r }) => r);
}

export const lifecycleHome: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'orgs.write')) return [];
  const n = (await branchesToTransformOrClose(ctx.db, actor.scope.path)).length;
  const items: HomeItem[] = [];
  if (n)
    items.push({
      key: 'orgs-lifecycle',
      level: 'warning',
      title: {
        zh: `${n} 个临时/联合党支部所属项目已竣工，待转型或撤销`,
        en: `${n} temporary/joint branches with completed projects: transform or close`,
      },
      count: n,
      link: '/orgs?attention=lifecycle',
    });
  return items;
};

export const COVERAGE_HOME_PROVIDERS: HomeProvider[] = [setupTasksHome, lifecycleHome];
