import type { AppContext } from '../context.js';
import { seedCalendarOnce, syncRoles } from './base.js';
import { bootstrapProduction, loadDemoData } from './first-start.js';

export interface BootstrapResult {
  demoLoaded: boolean;
  setupToken?: string;
}

/** Everything a start needs after migrations: roles, the seeded calendar, demo or first-start data. */
export async function bootstrap(ctx: AppContext): Promise<BootstrapResult> {
  await syncRoles(ctx);
  await seedCalendarOnce(ctx);
  if (ctx.config.demo) return { demoLoaded: await loadDemoData(ctx) };
  const setupToken = await bootstrapProduction(ctx);
  return setupToken ? { demoLoaded: false, setupToken } : { demoLoaded: false };
}
