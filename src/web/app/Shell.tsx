import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import {
  Badge,
  Breadcrumb,
  Button,
  Dropdown,
  Grid,
  Layout,
  Menu,
  Space,
  Spin,
  Tag,
  Typography,
  type MenuProps,
} from 'antd';
import { BellOutlined, HomeOutlined, LogoutOutlined, KeyOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useAuth } from './auth.js';
import { useI18n } from './i18n.js';
import { MENU, pageTrail, visibleMenu, type MenuEntry } from './menu.js';
import './shell.css';
import { PAGE_ROUTES } from './routes.js';
import { get } from './api.js';
import { LangSwitch } from '../components/LangSwitch.js';
import { PhoneTabBar } from './PhoneTabBar.js';
import type { InboxPage } from '../../shared/api/notifications.js';
import { TasksHeaderButton } from '../modules/tasks/TasksHeaderButton.js';

// 403/404 carry antd's Result illustrations: loaded when shown, not with the shell (decision 020).
const ForbiddenPage = lazy(() => import('../pages/ErrorPages.js').then((m) => ({ default: m.ForbiddenPage })));
const NotFoundPage = lazy(() => import('../pages/ErrorPages.js').then((m) => ({ default: m.NotFoundPage })));

type MenuItems = NonNullable<MenuProps['items']>;

function toItems(entries: MenuEntry[], tr: (zh: string, en: string) => string): MenuItems {
  return entries.map((e) => {
    const label = e.path ? <Link to={e.path}>{tr(e.zh, e.en)}</Link> : tr(e.zh, e.en);
    const key = e.path ?? e.key;
    return e.children ? { key, icon: e.icon, label, children: toItems(e.children, tr) } : { key, icon: e.icon, label };
  });
}

function selectedKey(pathname: string, entries: MenuEntry[]): string[] {
  const paths = entries
    .flatMap((e) => [e.path, ...(e.children ?? []).map((c) => c.path)])
    .filter((p): p is string => Boolean(p));
  const best = paths
    .filter((p) => (p === '/' ? pathname === '/' : pathname.startsWith(p)))
    .sort((a, b) => b.length - a.length)[0];
  return best ? [best] : [];
}

/** The logged-in frame: side menu by role, header with inbox, language, user menu; pages inside. */
export default function Shell() {
  const { me, logout, can } = useAuth();
  const { tr, lang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  // below md (a phone): a bottom tab bar instead of the side menu (decision 029)
  const phone = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  // Groups start open in the full menu; in the collapsed (phone) menu a group opens as a pop-up only when
  // touched — an "open" group there would float over the page.
  const [openKeys, setOpenKeys] = useState<string[] | null>(null);
  const [popupKeys, setPopupKeys] = useState<string[]>([]);
  const menu = useMemo(() => visibleMenu(MENU, can), [can]);
  const inbox = useQuery({
    queryKey: ['inbox-count'],
    queryFn: () => get<InboxPage>('/api/notifications', { unread: true, pageSize: 1 }),
    refetchInterval: 60_000,
  });
  const trail = useMemo(() => pageTrail(location.pathname, menu), [location.pathname, menu]);
  const pageName = trail.filter((c) => c.path).at(-1);
  const detail = trail.length > 0 && !trail.at(-1)!.path;
  // the tab names the page (several tabs of 先锋 stay told apart)
  useEffect(() => {
    const name = pageName ? tr(pageName.zh, pageName.en) + (detail ? ` · ${tr('详情', 'Details')}` : '') : '';
    document.title = name ? `${name} - ${tr('先锋', 'Xianfeng')}` : tr('先锋 · 党建引领项目建设', 'Xianfeng');
  }, [pageName, detail, tr]);
  // a navigation lands at the top of the new page (the window kept the last page's scroll position)
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);
  if (!me) return null;
  const user = me.user;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <PhoneTabBar menu={menu} unread={inbox.data?.unread ?? 0} />
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed || !screens.md}
          onCollapse={setCollapsed}
          breakpoint="md"
          theme="light"
          width={220}
          data-testid="side-menu"
          className="xf-sider"
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <div
            style={{
              height: 56,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              fontWeight: 700,
              color: '#c8161d',
              fontSize: 18,
            }}
          >
            {collapsed || !screens.md ? tr('先', 'X') : tr('先锋 · 党建引领', 'Xianfeng')}
          </div>
          <Menu
            className="xf-sider-menu"
            mode="inline"
            selectedKeys={selectedKey(location.pathname, menu)}
            openKeys={
              collapsed || !screens.md ? popupKeys : (openKeys ?? menu.filter((m) => m.children).map((m) => m.key))
            }
            onOpenChange={(keys) => (collapsed || !screens.md ? setPopupKeys(keys) : setOpenKeys(keys))}
            onClick={() => setPopupKeys([])}
            items={toItems(menu, tr)}
          />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text type="secondary" ellipsis>
            {user.scope.name}
          </Typography.Text>
          <Space size="middle">
            <LangSwitch />
            <TasksHeaderButton />
            <Badge count={inbox.data?.unread ?? 0} size="small">
              <Button
                type="text"
                icon={<BellOutlined />}
                aria-label={tr('消息', 'Inbox')}
                onClick={() => navigate('/inbox')}
                data-testid="inbox-bell"
              />
            </Badge>
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'roles',
                    disabled: true,
                    label: user.roles.map((r) => (lang === 'zh' ? r.zh : r.en)).join('、') || tr('无角色', 'No role'),
                  },
                  { type: 'divider' },
                  {
                    key: 'pw',
                    icon: <KeyOutlined />,
                    label: tr('修改密码', 'Change password'),
                    onClick: () => navigate('/change-password'),
                  },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: <span data-testid="logout">{tr('退出登录', 'Log out')}</span>,
                    onClick: () => void logout().then(() => navigate('/login')),
                  },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {user.displayName}
                {screens.md && user.roles[0] && (
                  <Tag style={{ marginLeft: 8 }} color="red">
                    {lang === 'zh' ? user.roles[0].zh : user.roles[0].en}
                  </Tag>
                )}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content
          style={{ margin: screens.md ? 16 : 8, minWidth: 0 }}
          className={phone ? 'xf-phone-content' : undefined}
        >
          {trail.length > 0 && location.pathname !== '/' && (
            <Breadcrumb
              data-testid="breadcrumb"
              style={{ marginBottom: screens.md ? 12 : 8 }}
              items={[
                {
                  title: (
                    <Link to="/" aria-label={tr('工作台', 'Home')}>
                      <HomeOutlined />
                    </Link>
                  ),
                },
                ...trail.map((c, i) => ({
                  title: c.path && i < trail.length - 1 ? <Link to={c.path}>{tr(c.zh, c.en)}</Link> : tr(c.zh, c.en),
                })),
              ]}
            />
          )}
          <Suspense
            fallback={
              <div style={{ textAlign: 'center', padding: 48 }}>
                <Spin />
              </div>
            }
          >
            <Routes>
              {PAGE_ROUTES.map(({ path, anyOf, Component }) => (
                <Route key={path} path={path} element={!anyOf || anyOf.some(can) ? <Component /> : <ForbiddenPage />} />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
