/** The public face of the org-coverage module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { COVERAGE_HOME_PROVIDERS, branchesToTransformOrClose } from './coverage.home.js';
export { coverageProposalsJob } from './coverage.job.js';
export { coverageRoutes } from './coverage.routes.js';
export { SETUP_WORKING_DAYS } from './coverage.subscribers.js';
