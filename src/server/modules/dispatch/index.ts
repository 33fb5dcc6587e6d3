/** The public face of the dispatch module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { registerDispatchContributor, type OpenItems } from './dispatch.contributors.js';
export { dispatchRoutes } from './dispatch.routes.js';
export { DISPATCH_STAGES, buildSnapshots, defaultDispatchMonth } from './dispatch.service.js';
