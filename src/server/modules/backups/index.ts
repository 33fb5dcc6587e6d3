/** The public face of the backups module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { backupHome } from './backup.home.js';
export { backupRoutes } from './backup.routes.js';
