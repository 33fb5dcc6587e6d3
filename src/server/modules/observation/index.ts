/** The public face of the observation module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { observationRoutes } from './observation.routes.js';
