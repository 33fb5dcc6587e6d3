/** The public face of the audit module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { registerAuditLabels } from './audit.labels.js';
export { auditRoutes } from './audit.routes.js';
