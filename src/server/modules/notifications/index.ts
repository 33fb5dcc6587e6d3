/** The public face of the notifications module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { notificationRoutes } from './notification.routes.js';
export { notifyUsers, type NewNotification } from './notification.service.js';
export { inboxHome } from './notification.home.js';
