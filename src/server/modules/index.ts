import type { FastifyInstance } from 'fastify';
import { authRoutes } from './auth/auth.routes.js';
import { userRoutes } from './users/user.routes.js';
import { roleRoutes } from './roles/role.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { orgRoutes } from './orgs/org.routes.js';
import { notificationRoutes } from './notifications/notification.routes.js';
import { homeRoutes } from './home/home.routes.js';
import { problemRoutes } from './problems/problem.routes.js';
import { problemStepRoutes } from './problems/problem-steps.routes.js';
import { problemConfigRoutes } from './problems/problem-config.routes.js';
import { meetingRoutes } from './meetings/meeting.routes.js';
import './problems/problem.subscribers.js';
import './problems/problem.dispatch.js';
import './problems/problem.recompute.js';
import './warnings/warning.recompute.js';
import './approvals/approval.recompute.js';
import { projectRoutes } from './projects/project.routes.js';
import { nodeRoutes } from './projects/node.routes.js';
import { warningRoutes } from './warnings/warning.routes.js';
import { approvalRoutes } from './approvals/approval.routes.js';
import { dispatchRoutes } from './dispatch/dispatch.routes.js';
import { supervisionRoutes } from './supervision/supervision.routes.js';
import { observationRoutes } from './observation/observation.routes.js';
import { coverageRoutes } from './org-coverage/coverage.routes.js';
import { peopleRoutes } from './people/people.routes.js';
import { backupRoutes } from './backups/backup.routes.js';

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
