import { can } from '../../actor.js';
import { chinaDate } from '../../../domain/dates.js';
import type { HomeItem, HomeProvider } from '../home/index.js';
import { branchesToTransformOrClose } from './party-org.repository.js';
import { countOpenSetupTasks } from './coverage-tasks.repository.js';
import { electionDueHome } from './party-org.home.js';

/** 三同步: open "set up the branch" tasks in scope, overdue ones in red. */
export const setupTasksHome: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'coverage.read')) return [];
  const today = chinaDate(ctx.clock.now());
  const row = await countOpenSetupTasks(ctx.readDb, actor, today);
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

export const lifecycleHome: HomeProvider = async (ctx, actor) => {
  if (!can(actor, 'orgs.write')) return [];
  const n = (await branchesToTransformOrClose(ctx.readDb, actor)).length;
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

export const COVERAGE_HOME_PROVIDERS: HomeProvider[] = [setupTasksHome, lifecycleHome, electionDueHome];
