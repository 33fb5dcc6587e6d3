import type { Actor } from '../actor.js';
import type { AppContext } from '../context.js';
import type { Lang } from '../errors.js';
import type { Permission } from '../../shared/permissions.js';
import type { SessionCache } from '../modules/auth/index.js';

import type { RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (login, health, OpenAPI, public calendar arithmetic). */
    public?: boolean;
    /** false only for requests that cannot carry a token yet (login, first-start setup). */
    csrf?: boolean;
    /** The permission this route requires (from the module's policy file). */
    permission?: Permission;
    /** Reachable while the user must still change their password. */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor?: Actor;
    lang: Lang;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** Every route as registered (the contract test walks it). */
    routeList: RouteOptions[];
    /** The session cache (decision 022); undefined when built with `sessionCache: false`. */
    sessionCache: SessionCache | undefined;
  }
}

export {};
