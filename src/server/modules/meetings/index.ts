/** The public face of the meetings module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { meetingRoutes } from './meeting.routes.js';
