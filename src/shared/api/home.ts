import { z } from 'zod';
import type { ApiTable } from './contract.js';

/** 工作台: the contract of /api/home, "what needs me now" (server validates, web infers). */
export const HOME_LEVELS = ['info', 'warning', 'danger'] as const;
export type HomeLevel = (typeof HOME_LEVELS)[number];

/** One line of "what needs me now", as a module's provider gives it (title in both languages). */
export interface HomeItem {
  key: string;
  level: HomeLevel;
  title: { zh: string; en: string };
  count?: number;
  /** Where the user acts on it (a web route). */
  link?: string;
}

/** One line as the user sees it: the title in the user's language. */
export const homeItemView = z.object({
  key: z.string(),
  level: z.enum(HOME_LEVELS),
  title: z.string(),
  count: z.number().int().optional(),
  link: z.string().optional(),
});

export const homeView = z.object({ items: z.array(homeItemView) });

export type HomeItemView = z.infer<typeof homeItemView>;
export type HomeView = z.infer<typeof homeView>;

export const homeApi = {
  'GET /api/home': { response: homeView },
} satisfies ApiTable;
