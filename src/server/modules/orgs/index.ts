/**
 * The public face of the party-organisations module (the org tree, party-org details and lifecycle,
 * organisation coverage and 三同步 tasks): other code imports only from this file (docs/ARCHITECTURE.md).
 */
export { findUnitInScope, insertUnit } from './org.repository.js';
export { orgRoutes } from './org.routes.js';
export { COVERAGE_HOME_PROVIDERS } from './coverage.home.js';
export { coverageProposalsJob } from './coverage.job.js';
export { coverageRoutes } from './coverage.routes.js';
