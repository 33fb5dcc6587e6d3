import type { Actor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import type { HomeItem } from '../../../shared/api/home.js';

export type { HomeItem };

/**
 * A module's contribution to "what needs me now". Each module exports its providers from its public
 * file; the registry (modules/index.ts) assembles the list and hands it to `homeRoutes`, so the home
 * module imports no business module.
 */
export type HomeProvider = (ctx: AppContext, actor: Actor) => Promise<HomeItem[]>;
