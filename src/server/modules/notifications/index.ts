/** The public face of the notifications module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { notificationRoutes } from './notification.routes.js';
export { notifyUsers } from './notification.service.js';
