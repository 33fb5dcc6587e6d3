/** The public face of the roles module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { roleRoutes } from './role.routes.js';
export { replaceUserRoles } from './role.service.js';
