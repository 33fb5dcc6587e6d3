/** The public face of the warnings module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { calendarWith } from './calendar-of.js';
export { dailyWarningsJob } from './warning.job.js';
import './warning.recompute.js';
export { warningRoutes } from './warning.routes.js';
export { recomputeWarnings } from './warning.service.js';
