/** The public face of the home module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { homeRoutes } from './home.routes.js';
export { SYSTEM_HOME_PROVIDERS } from './home.providers.js';
export { type HomeItem, type HomeProvider } from './home.types.js';
