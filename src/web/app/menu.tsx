import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  HomeOutlined,
  NotificationOutlined,
  TeamOutlined as MeetingIcon,
  ProfileOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';

/**
 * The side menu. An entry shows when the user holds any of its permissions (none listed: everyone).
 * Modules add their entries here; the server enforces the same permissions on every request.
 */
export interface MenuEntry {
  key: string;
  path?: string;
  zh: string;
  en: string;
  icon?: ReactNode;
  anyOf?: string[];
  children?: MenuEntry[];
}

export const MENU: MenuEntry[] = [
  { key: 'home', path: '/', zh: '工作台', en: 'Home', icon: <HomeOutlined /> },
  { key: 'inbox', path: '/inbox', zh: '消息', en: 'Inbox', icon: <BellOutlined /> },
  { key: 'tasks', path: '/tasks', zh: '任务中心', en: 'Task center', icon: <ProfileOutlined /> },
  {
    key: 'problems',
    zh: '问题台账',
    en: 'Problems',
    icon: <NotificationOutlined />,
    anyOf: ['problems.read'],
    children: [
      {
        key: 'problems-mine',
        path: '/problems/mine',
        zh: '我的问题',
        en: 'My problems',
        anyOf: ['problems.raise', 'problems.rate'],
      },
      { key: 'problems-new', path: '/problems/new', zh: '我要吹哨', en: 'Raise a problem', anyOf: ['problems.raise'] },
      {
        key: 'problems-board',
        path: '/problems/board',
        zh: '党委响应看板',
        en: 'Triage board',
        anyOf: ['problems.triage'],
      },
      {
        key: 'problems-queue',
        path: '/problems/queue',
        zh: '部门报到',
        en: 'Department queue',
        anyOf: ['problems.handle'],
      },
      {
        key: 'problems-ledger',
        path: '/problems',
        zh: '问题台账',
        en: 'Ledger',
        anyOf: ['problems.triage', 'problems.stats', 'problems.handle'],
      },
      { key: 'problems-stats', path: '/problems/stats', zh: '办理统计', en: 'Statistics', anyOf: ['problems.stats'] },
      {
        key: 'problems-settings',
        path: '/problems/settings',
        zh: '时限与推送设置',
        en: 'Limits and robots',
        anyOf: ['problems.config'],
      },
      {
        key: 'meetings',
        path: '/meetings',
        zh: '联席会议',
        en: 'Joint meetings',
        icon: <MeetingIcon />,
        anyOf: ['meetings.read'],
      },
    ],
  },
  { key: 'orgs', path: '/orgs', zh: '组织架构', en: 'Organisations', icon: <ClusterOutlined />, anyOf: ['orgs.read'] },
  {
    key: 'coverage',
    path: '/coverage',
    zh: '组织覆盖',
    en: 'Party coverage',
    icon: <ClusterOutlined />,
    anyOf: ['coverage.read'],
  },
  {
    key: 'projects',
    zh: '项目建设',
    en: 'Projects',
    icon: <ProjectOutlined />,
    anyOf: ['projects.read', 'projects.board'],
    children: [
      { key: 'project-list', path: '/projects', zh: '重点项目', en: 'Project list', anyOf: ['projects.read'] },
      {
        key: 'project-board',
        path: '/projects/board',
        zh: '红黄蓝公示',
        en: 'Warning board',
        anyOf: ['projects.board'],
      },
      { key: 'approvals', path: '/approvals', zh: '审批验收', en: 'Approvals', anyOf: ['approvals.handle'] },
      {
        key: 'acceptance',
        path: '/approvals/report',
        zh: '验收时长统计',
        en: 'Acceptance durations',
        anyOf: ['projects.write', 'approvals.handle', 'supervision.read'],
      },
      {
        key: 'project-rules',
        path: '/projects/rules',
        zh: '预警规则',
        en: 'Warning rules',
        anyOf: ['projects.rules', 'supervision.read'],
      },
    ],
  },
  {
    key: 'people',
    zh: '党员管理',
    en: 'Members',
    icon: <TeamOutlined />,
    anyOf: ['people.read'],
    children: [
      { key: 'people-list', path: '/people', zh: '党员名册', en: 'Members', anyOf: ['people.read'] },
      {
        key: 'people-pipeline',
        path: '/people/pipeline',
        zh: '发展党员',
        en: 'Development pipeline',
        anyOf: ['people.read'],
      },
      {
        key: 'people-transfers',
        path: '/people/transfers',
        zh: '组织关系转接',
        en: 'Relation transfers',
        anyOf: ['people.read'],
      },
    ],
  },
  {
    key: 'cadence',
    zh: '调度督办',
    en: 'Dispatch & supervision',
    icon: <ScheduleOutlined />,
    anyOf: ['dispatch.confirm', 'dispatch.manage', 'supervision.read', 'observation.read'],
    children: [
      {
        key: 'dispatch',
        path: '/dispatch',
        zh: '月调度',
        en: 'Monthly dispatch',
        anyOf: ['dispatch.confirm', 'dispatch.manage'],
      },
      {
        key: 'supervision',
        path: '/supervision',
        zh: '季督办',
        en: 'Quarterly supervision',
        anyOf: ['supervision.read'],
      },
      {
        key: 'observations',
        path: '/observations',
        zh: '半年观摩',
        en: 'Half-year observation',
        anyOf: ['observation.read'],
      },
    ],
  },
  {
    key: 'system',
    zh: '系统管理',
    en: 'System',
    icon: <TeamOutlined />,
    anyOf: ['users.write', 'calendar.write', 'backups.manage'],
    children: [
      { key: 'users', path: '/admin/users', zh: '用户管理', en: 'Users', anyOf: ['users.write'] },
      {
        key: 'calendar',
        path: '/admin/calendar',
        zh: '工作日历',
        en: 'Working-day calendar',
        icon: <CalendarOutlined />,
        anyOf: ['calendar.write'],
      },
      {
        key: 'backups',
        path: '/admin/backups',
        zh: '数据备份',
        en: 'Backups',
        icon: <CloudUploadOutlined />,
        anyOf: ['backups.manage'],
      },
    ],
  },
  {
    key: 'grants',
    path: '/security/grants',
    zh: '角色授权',
    en: 'Role grants',
    icon: <SafetyCertificateOutlined />,
    anyOf: ['roles.grant'],
  },
  { key: 'audit', path: '/audit', zh: '审计日志', en: 'Audit log', icon: <AuditOutlined />, anyOf: ['audit.read'] },
];

export function visibleMenu(entries: MenuEntry[], can: (p: string) => boolean): MenuEntry[] {
  return entries
    .filter((e) => !e.anyOf || e.anyOf.some(can))
    .map((e) => (e.children ? { ...e, children: visibleMenu(e.children, can) } : e))
    .filter((e) => !e.children || e.children.length > 0);
}

/** One step of the breadcrumb trail: a menu group, a page, or the detail under a page. */
export interface Crumb {
  zh: string;
  en: string;
  path?: string;
}

const EXTRA_PAGES: Crumb[] = [{ path: '/change-password', zh: '修改密码', en: 'Change password' }];

/**
 * Where a path sits in the menu: [group?, page, 详情?]. The page is the menu entry with the longest path
 * that prefixes this one (a detail page such as /problems/12 sits under 问题台账); the trail gives the
 * breadcrumbs and the tab title (document.title). Entries the user cannot see are not offered.
 */
export function pageTrail(pathname: string, entries: MenuEntry[]): Crumb[] {
  const pages: Array<{ page: Crumb; group?: Crumb }> = [
    ...EXTRA_PAGES.map((page) => ({ page })),
    ...entries.flatMap((e) =>
      e.children
        ? e.children.filter((c) => c.path).map((c) => ({ page: c as Crumb, group: { zh: e.zh, en: e.en } }))
        : e.path
          ? [{ page: e as Crumb }]
          : [],
    ),
  ];
  const under = (p: string) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`));
  const best = pages.filter((x) => under(x.page.path!)).sort((a, b) => b.page.path!.length - a.page.path!.length)[0];
  if (!best) return [];
  const page = { zh: best.page.zh, en: best.page.en, path: best.page.path };
  const trail: Crumb[] = best.group && best.group.zh !== page.zh ? [best.group, page] : [page];
  if (pathname !== best.page.path) trail.push({ zh: '详情', en: 'Details' });
  return trail;
}
