import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import {
  AppstoreOutlined,
  BellOutlined,
  HomeOutlined,
  NotificationOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useI18n } from './i18n.js';
import type { MenuEntry } from './menu.js';
import { activeTab, phoneTabs } from './phone-tabs.js';

const ICONS: Record<string, ReactNode> = {
  home: <HomeOutlined />,
  problems: <NotificationOutlined />,
  projects: <ProjectOutlined />,
  people: <TeamOutlined />,
  dispatch: <ScheduleOutlined />,
  inbox: <BellOutlined />,
};

/**
 * The phone's navigation (below the md breakpoint, decision 029): a bottom bar of at most five tabs —
 * 首页, the person's work pages, 消息 — and 更多, a sheet with every other page of the menu, grouped as in
 * the side menu. Plain elements with CSS (shell.css), nothing more for the first screen to load.
 */
export function PhoneTabBar({ menu, unread }: { menu: MenuEntry[]; unread: number }) {
  const { tr } = useI18n();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const { tabs, more } = phoneTabs(menu);
  const active = activeTab(pathname, tabs);
  // a page opened from the sheet closes it
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      {open && (
        <div className="xf-more-backdrop" onClick={() => setOpen(false)}>
          <nav
            className="xf-more-sheet"
            data-testid="more-sheet"
            aria-label={tr('更多', 'More')}
            onClick={(e) => e.stopPropagation()}
          >
            {more.map((e) =>
              e.children ? (
                <section key={e.key}>
                  <h3>{tr(e.zh, e.en)}</h3>
                  <div className="xf-more-grid">
                    {e.children.map((c) => c.path && <SheetLink key={c.key} entry={c} />)}
                  </div>
                </section>
              ) : (
                e.path && (
                  <div key={e.key} className="xf-more-grid">
                    <SheetLink entry={e} />
                  </div>
                )
              ),
            )}
          </nav>
        </div>
      )}
      <nav className="xf-tabbar" data-testid="tab-bar" aria-label={tr('主导航', 'Main navigation')}>
        {tabs.map((t) => (
          <Link
            key={t.key}
            to={t.path}
            className={t.key === active ? 'xf-tab xf-tab-active' : 'xf-tab'}
            aria-current={t.key === active ? 'page' : undefined}
            data-testid={`tab-${t.key}`}
          >
            <span className="xf-tab-icon">
              {ICONS[t.key]}
              {t.key === 'inbox' && unread > 0 && <span className="xf-tab-dot">{unread > 99 ? '99+' : unread}</span>}
            </span>
            <span>{tr(t.zh, t.en)}</span>
          </Link>
        ))}
        <button
          type="button"
          className={open || !active ? 'xf-tab xf-tab-active' : 'xf-tab'}
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          data-testid="tab-more"
        >
          <span className="xf-tab-icon">
            <AppstoreOutlined />
          </span>
          <span>{tr('更多', 'More')}</span>
        </button>
      </nav>
    </>
  );
}

function SheetLink({ entry }: { entry: MenuEntry }) {
  const { tr } = useI18n();
  return (
    <Link to={entry.path!} className="xf-more-link">
      {tr(entry.zh, entry.en)}
    </Link>
  );
}
