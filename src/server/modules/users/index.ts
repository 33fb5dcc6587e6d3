/** The public face of the users module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { findUserByUsername, lockUser, rolesOf } from './user.repository.js';
export { findAccountById, recordLogin, restoreAccount, setOwnPassword, setScopeUnit } from './user.writes.js';
export { userRoutes } from './user.routes.js';
export { type UserView } from '../../../shared/api/users.js';
export { getUser } from './user.service.js';
