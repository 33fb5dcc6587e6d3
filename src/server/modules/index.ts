import type { FastifyInstance } from 'fastify';
import { authRoutes } from './auth/index.js';
import { userRoutes } from './users/index.js';
import { roleRoutes } from './roles/index.js';
import { auditRoutes } from './audit/index.js';
import { calendarRoutes } from './calendar/index.js';
import { inboxHome, notificationRoutes } from './notifications/index.js';
import { homeRoutes, SYSTEM_HOME_PROVIDERS, type HomeProvider } from './home/index.js';
// Each public file also loads its module's event subscribers (problems, warnings, approvals, auth …).
import { problemConfigRoutes, problemHome, problemRoutes, problemStepRoutes } from './problems/index.js';
import { meetingRoutes } from './meetings/index.js';
import { nodeRoutes, PROJECT_HOME_PROVIDERS, projectRoutes } from './projects/index.js';
import { warningRoutes } from './warnings/index.js';
import { APPROVAL_HOME_PROVIDERS, approvalRoutes } from './approvals/index.js';
import { dispatchRoutes } from './dispatch/index.js';
import { supervisionRoutes } from './supervision/index.js';
import { observationRoutes } from './observation/index.js';
import { COVERAGE_HOME_PROVIDERS, coverageRoutes, orgRoutes } from './orgs/index.js';
import { PEOPLE_HOME_PROVIDERS, peopleRoutes } from './people/index.js';
import { backupHome, backupRoutes } from './backups/index.js';
import { taskRoutes } from './tasks/index.js';

/**
 * 工作台 "what needs me now": every module's providers, assembled here (the registry, not a module) and
 * handed to home, so the home module imports no business module. The order is kept within a level.
 */
export const HOME_PROVIDERS: readonly HomeProvider[] = [
  inboxHome,
  ...SYSTEM_HOME_PROVIDERS,
  problemHome,
  ...PROJECT_HOME_PROVIDERS,
  ...APPROVAL_HOME_PROVIDERS,
  ...COVERAGE_HOME_PROVIDERS,
  ...PEOPLE_HOME_PROVIDERS,
  backupHome,
];

/** Every module's routes, registered in this order by buildApp. */
export const MODULE_ROUTES: Array<(app: FastifyInstance) => Promise<void>> = [
  authRoutes,
  userRoutes,
  roleRoutes,
  auditRoutes,
  calendarRoutes,
  orgRoutes,
  notificationRoutes,
  homeRoutes(HOME_PROVIDERS),
  problemConfigRoutes,
  problemRoutes,
  problemStepRoutes,
  meetingRoutes,
  projectRoutes,
  nodeRoutes,
  warningRoutes,
  approvalRoutes,
  dispatchRoutes,
  supervisionRoutes,
  observationRoutes,
  coverageRoutes,
  peopleRoutes,
  backupRoutes,
  taskRoutes,
];
