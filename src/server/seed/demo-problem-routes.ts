import { problemCategoryRoutes } from '../db/schema/index.js';
import type { DemoSeeder } from './demo-types.js';

/** 类别 → 承办部门 as the demo district's 组织部 keeps it (矛盾纠纷 and 其他 are left to the person dispatching). */
const ROUTES: Array<[category: string, deptKey: string]> = [
  ['land', 'zrzy'],
  ['planning', 'zrzy'],
  ['construction', 'zj'],
  ['road', 'zj'],
  ['utilities', 'fg'],
  ['finance', 'fg'],
  ['labour', 'rs'],
  ['tax', 'sw'],
  ['safety', 'yj'],
];

export const seedDemoProblemRoutes: DemoSeeder = async (tx, _ctx, refs) => {
  await tx.insert(problemCategoryRoutes).values(
    ROUTES.map(([category, key]) => ({
      category,
      deptUnitId: refs.unit(key),
      updatedAt: refs.now,
      updatedBy: refs.user('zzb'),
    })),
  );
};
