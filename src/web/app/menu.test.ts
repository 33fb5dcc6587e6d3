import { describe, expect, it } from 'vitest';
import { MENU, pageTrail, visibleMenu } from './menu.js';
import { neededWidth } from '../components/DataTable.js';

describe('pageTrail (breadcrumbs and the tab title)', () => {
  const all = visibleMenu(MENU, () => true);
  const zh = (path: string) => pageTrail(path, all).map((c) => c.zh);

  it('names the group and the page, and a detail under its page', () => {
    expect(zh('/supervision')).toEqual(['调度督办', '季督办']);
    expect(zh('/people/transfers')).toEqual(['党员管理', '组织关系转接']);
    expect(zh('/people/42')).toEqual(['党员管理', '党员名册', '详情']);
    expect(zh('/dispatch/3/2026-11')).toEqual(['调度督办', '月调度', '详情']);
    expect(zh('/orgs')).toEqual(['组织架构']);
    expect(zh('/change-password')).toEqual(['修改密码']);
  });

  it('does not repeat a group named like its page, nor match a path that only shares letters', () => {
    expect(zh('/problems')).toEqual(['问题台账']);
    expect(zh('/problems/stats')).toEqual(['问题台账', '办理统计']);
    expect(zh('/problemsx')).toEqual([]);
  });

  it('offers only the pages the user can see', () => {
    const firm = visibleMenu(MENU, (p) => p === 'problems.read' || p === 'problems.raise');
    expect(pageTrail('/audit', firm)).toEqual([]);
  });
});

describe('neededWidth (a table scrolls sideways before it squeezes a column)', () => {
  const shownOnPhone = (bps: string[]) => bps.includes('xs');
  it('adds the declared widths and room for the columns without one, skipping the hidden ones', () => {
    const cols = [
      { width: 130, responsive: ['lg' as const] },
      { minWidth: 220 },
      { width: 110 },
      { title: 'no width' },
      { width: 120, ellipsis: true, hidden: true },
    ];
    expect(neededWidth(cols, shownOnPhone)).toBe(220 + 110 + 220);
    expect(neededWidth(cols, () => true)).toBe(130 + 220 + 110 + 220);
    expect(neededWidth([{ children: [{ width: 80 }, { width: '90px' }] }], () => true)).toBe(170);
  });
});
