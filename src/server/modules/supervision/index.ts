/** The public face of the supervision module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { supervisionRoutes } from './supervision.routes.js';
export { linkFindingToProblem } from './finding.link.js';
