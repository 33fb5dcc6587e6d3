import type { MenuEntry } from './menu.js';

/** A tab of the phone's bottom bar: a page of the menu under a short name. */
export interface PhoneTab {
  key: string;
  path: string;
  zh: string;
  en: string;
}

/**
 * What each tab may open, best first: the first page of the list that the user's menu offers wins.
 * 问题 opens the queue the person works from (a department its 部门报到, the commissioner or the
 * organisation department the 响应看板, a firm its own problems).
 */
const CANDIDATES: Array<{ key: string; zh: string; en: string; pages: string[] }> = [
  { key: 'home', zh: '首页', en: 'Home', pages: ['home'] },
  {
    key: 'problems',
    zh: '问题',
    en: 'Problems',
    pages: ['problems-queue', 'problems-board', 'problems-mine', 'problems-ledger'],
  },
  { key: 'projects', zh: '项目', en: 'Projects', pages: ['project-list', 'project-board'] },
  { key: 'people', zh: '党员', en: 'Members', pages: ['people-list'] },
  { key: 'dispatch', zh: '调度', en: 'Dispatch', pages: ['dispatch'] },
  { key: 'inbox', zh: '消息', en: 'Inbox', pages: ['inbox'] },
];

/** Tabs besides 更多 (the bar holds five at most: a thumb's width each on a 390 px phone). */
export const MAX_TABS = 4;

function pages(entries: MenuEntry[]): MenuEntry[] {
  return entries.flatMap((e) => (e.children ? pages(e.children) : e.path ? [e] : []));
}

/**
 * The phone's bottom bar for this user's (already permission-filtered) menu: 首页, 消息 and the two most
 * useful work pages among 问题 / 项目 / 党员 / 调度, in that order; every other page of the menu goes
 * behind 更多 (`more`), grouped as in the side menu.
 */
export function phoneTabs(menu: MenuEntry[]): { tabs: PhoneTab[]; more: MenuEntry[] } {
  const all = pages(menu);
  const byKey = new Map(all.map((p) => [p.key, p]));
  const found = CANDIDATES.map((c) => {
    const page = c.pages.map((k) => byKey.get(k)).find(Boolean);
    return page?.path ? { key: c.key, path: page.path, zh: c.zh, en: c.en } : null;
  }).filter((t): t is PhoneTab => t !== null);
  const fixed = new Set(['home', 'inbox']);
  const work = found.filter((t) => !fixed.has(t.key)).slice(0, MAX_TABS - fixed.size);
  const tabs = found.filter((t) => fixed.has(t.key) || work.includes(t));
  const onTab = new Set(tabs.map((t) => t.path));
  const more = menu
    .map((e) => (e.children ? { ...e, children: e.children.filter((c) => !c.path || !onTab.has(c.path)) } : e))
    .filter((e) => (e.children ? e.children.length > 0 : !e.path || !onTab.has(e.path)));
  return { tabs, more };
}

/** The tab a path belongs to: the tab whose page is the longest prefix of it (none: 更多). */
export function activeTab(pathname: string, tabs: PhoneTab[]): string | undefined {
  const under = (p: string) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`));
  return tabs.filter((t) => under(t.path)).sort((a, b) => b.path.length - a.path.length)[0]?.key;
}
