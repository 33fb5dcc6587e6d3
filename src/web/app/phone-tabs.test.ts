import { describe, expect, it } from 'vitest';
import { MENU, visibleMenu } from './menu.js';
import { activeTab, phoneTabs } from './phone-tabs.js';
import { ROLES } from '../../shared/roles.js';

const menuOf = (code: keyof typeof ROLES) => {
  const role = ROLES[code];
  return visibleMenu(MENU, (p) => (role.permissions as readonly string[]).includes(p));
};
const labels = (code: keyof typeof ROLES) => phoneTabs(menuOf(code)).tabs.map((t) => `${t.zh} ${t.path}`);

describe('phoneTabs (the bottom bar on a phone)', () => {
  it('gives each role at most four tabs plus 更多, the work page it uses most behind 问题', () => {
    expect(labels('firm_contact')).toEqual(['首页 /', '问题 /problems/mine', '项目 /projects', '消息 /inbox']);
    expect(labels('dept_handler')).toEqual(['首页 /', '问题 /problems/queue', '项目 /projects', '消息 /inbox']);
    expect(labels('commissioner')).toEqual(['首页 /', '问题 /problems/board', '项目 /projects', '消息 /inbox']);
    for (const r of Object.values(ROLES)) expect(phoneTabs(menuOf(r.code)).tabs.length).toBeLessThanOrEqual(4);
  });

  it('puts every other page of the menu behind 更多, none twice and none lost', () => {
    for (const r of Object.values(ROLES)) {
      const menu = menuOf(r.code);
      const { tabs, more } = phoneTabs(menu);
      const paths = (es: typeof menu): string[] =>
        es.flatMap((e) => (e.children ? paths(e.children) : e.path ? [e.path] : []));
      const offered = [...tabs.map((t) => t.path), ...paths(more)];
      expect(new Set(offered).size, r.code).toBe(offered.length);
      expect(new Set(offered), r.code).toEqual(new Set(paths(menu)));
    }
  });

  it('a role without problems or projects still gets 首页 and 消息, the rest under 更多', () => {
    const { tabs, more } = phoneTabs(menuOf('auditor'));
    expect(tabs.map((t) => t.key)).toEqual(['home', 'inbox']);
    expect(more.map((e) => e.key)).toContain('audit');
  });

  it('marks the tab of a page and of a detail under it', () => {
    const { tabs } = phoneTabs(menuOf('commissioner'));
    expect(activeTab('/', tabs)).toBe('home');
    expect(activeTab('/projects/12', tabs)).toBe('projects');
    expect(activeTab('/problems/board', tabs)).toBe('problems');
    expect(activeTab('/dispatch', tabs)).toBeUndefined();
  });
});
