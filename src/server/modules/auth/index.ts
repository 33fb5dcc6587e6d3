/** The public face of the auth module: other code imports only from this file (docs/ARCHITECTURE.md). */
import './auth.subscribers.js';
export { authRoutes } from './auth.routes.js';
export { breakGlassReset } from './break-glass.js';
export { createSetupToken } from './auth.service.js';
export { clearAttempts } from './login-attempts.js';
export { deleteSession, deleteUserSessions, findSessionUser, touchSession } from './session.repository.js';
export { createSessionCache, type SessionCache } from './session.cache.js';
export type { SessionUserRow } from './session.repository.js';
