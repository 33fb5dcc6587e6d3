/** The public face of the orgs module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { findUnitInScope, insertUnit } from './org.repository.js';
export { orgRoutes } from './org.routes.js';
export { townshipPartyOrgs } from './party-org.repository.js';
export { writeCoverage, type CoveredInput } from './party-org.service.js';
