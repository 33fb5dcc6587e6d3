/** The public face of the approvals module: other code imports only from this file (docs/ARCHITECTURE.md). */
import './approval.recompute.js';
import './approval.subscribers.js';
export { APPROVAL_HOME_PROVIDERS } from './approval.home.js';
export { approvalRoutes } from './approval.routes.js';
