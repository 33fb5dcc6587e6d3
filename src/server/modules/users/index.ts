/** The public face of the users module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { breakGlassReset } from './break-glass.js';
export { findUserByUsername, lockUser, rolesOf } from './user.repository.js';
export { userRoutes } from './user.routes.js';
export { userIdParams, userView, type UserView } from './user.schemas.js';
export { getUser } from './user.service.js';
