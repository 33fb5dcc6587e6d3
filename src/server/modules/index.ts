import type { FastifyInstance } from 'fastify';
import { authRoutes } from './auth/index.js';
import { userRoutes } from './users/index.js';
import { roleRoutes } from './roles/index.js';
import { auditRoutes } from './audit/index.js';
import { calendarRoutes } from './calendar/index.js';
import { orgRoutes } from './orgs/index.js';
import { notificationRoutes } from './notifications/index.js';
import { homeRoutes } from './home/index.js';
import { problemRoutes } from './problems/index.js';
import { problemStepRoutes } from './problems/index.js';
import { problemConfigRoutes } from './problems/index.js';
import { meetingRoutes } from './meetings/index.js';
import './problems/index.js';
import './problems/index.js';
import './problems/index.js';
import './warnings/index.js';
import './approvals/index.js';
import { projectRoutes } from './projects/index.js';
import { nodeRoutes } from './projects/index.js';
import { warningRoutes } from './warnings/index.js';
import { approvalRoutes } from './approvals/index.js';
import { dispatchRoutes } from './dispatch/index.js';
import { supervisionRoutes } from './supervision/index.js';
import { observationRoutes } from './observation/index.js';
import { coverageRoutes } from './orgs/index.js';
import { peopleRoutes } from './people/index.js';
import { backupRoutes } from './backups/index.js';

/** Every module's routes, registered in this order by buildApp. */
export const MODULE_ROUTES: Array<(app: FastifyInstance) => Promise<void>> = [
  authRoutes,
  userRoutes,
  roleRoutes,
  auditRoutes,
  calendarRoutes,
  orgRoutes,
  notificationRoutes,
  homeRoutes,
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
];
