import type { Actor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import type { LocalText } from '../../errors.js';

/** One line of "what needs me now" on the home page. */
export interface HomeItem {
  key: string;
  level: 'info' | 'warning' | 'danger';
  title: LocalText;
  count?: number;
  /** Where the user acts on it (a web route). */
  link?: string;
}

export type HomeProvider = (ctx: AppContext, actor: Actor) => Promise<HomeItem[]>;
