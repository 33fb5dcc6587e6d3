import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * Pages inside the shell. Each is its own chunk (React.lazy), so the login page loads none of them.
 * `anyOf`: the permissions that open the page (none listed: every logged-in user).
 */
export interface PageRoute {
  path: string;
  anyOf?: string[];
  Component: LazyExoticComponent<ComponentType>;
}

export const PAGE_ROUTES: PageRoute[] = [
  { path: '/', Component: lazy(() => import('../pages/HomePage.js')) },
  { path: '/inbox', Component: lazy(() => import('../modules/inbox/InboxPage.js')) },
  { path: '/tasks', Component: lazy(() => import('../modules/tasks/TaskCenterPage.js')) },
  { path: '/change-password', Component: lazy(() => import('../pages/ChangePasswordPage.js')) },
  { path: '/orgs', anyOf: ['orgs.read'], Component: lazy(() => import('../modules/orgs/OrgTreePage.js')) },
  {
    path: '/coverage',
    anyOf: ['coverage.read'],
    Component: lazy(() => import('../modules/org-coverage/CoveragePage.js')),
  },
  { path: '/admin/users', anyOf: ['users.write'], Component: lazy(() => import('../modules/users/UsersPage.js')) },
  {
    path: '/admin/calendar',
    anyOf: ['calendar.write'],
    Component: lazy(() => import('../modules/calendar/CalendarPage.js')),
  },
  {
    path: '/admin/backups',
    anyOf: ['backups.manage'],
    Component: lazy(() => import('../modules/backups/BackupsPage.js')),
  },
  { path: '/security/grants', anyOf: ['roles.grant'], Component: lazy(() => import('../modules/roles/GrantsPage.js')) },
  { path: '/audit', anyOf: ['audit.read'], Component: lazy(() => import('../modules/audit/AuditPage.js')) },
  { path: '/problems', anyOf: ['problems.read'], Component: lazy(() => import('../modules/problems/LedgerPage.js')) },
  {
    path: '/problems/new',
    anyOf: ['problems.raise'],
    Component: lazy(() => import('../modules/problems/RaiseProblemPage.js')),
  },
  {
    path: '/problems/mine',
    anyOf: ['problems.raise', 'problems.rate'],
    Component: lazy(() => import('../modules/problems/MyProblemsPage.js')),
  },
  {
    path: '/problems/board',
    anyOf: ['problems.triage'],
    Component: lazy(() => import('../modules/problems/TriageBoardPage.js')),
  },
  {
    path: '/problems/queue',
    anyOf: ['problems.handle'],
    Component: lazy(() => import('../modules/problems/DeptQueuePage.js')),
  },
  {
    path: '/problems/stats',
    anyOf: ['problems.stats'],
    Component: lazy(() => import('../modules/problems/StatsPage.js')),
  },
  {
    path: '/problems/settings',
    anyOf: ['problems.config'],
    Component: lazy(() => import('../modules/problems/ProblemSettingsPage.js')),
  },
  {
    path: '/problems/:id',
    anyOf: ['problems.read'],
    Component: lazy(() => import('../modules/problems/ProblemDetailPage.js')),
  },
  { path: '/meetings', anyOf: ['meetings.read'], Component: lazy(() => import('../modules/meetings/MeetingsPage.js')) },
  // people (issue 5)
  { path: '/people', anyOf: ['people.read'], Component: lazy(() => import('../modules/people/PeopleListPage.js')) },
  {
    path: '/people/pipeline',
    anyOf: ['people.read'],
    Component: lazy(() => import('../modules/people/PipelinePage.js')),
  },
  {
    path: '/people/transfers',
    anyOf: ['people.read'],
    Component: lazy(() => import('../modules/people/TransfersPage.js')),
  },
  {
    path: '/people/:id',
    anyOf: ['people.read'],
    Component: lazy(() => import('../modules/people/PersonDetailPage.js')),
  },
  // projects (issue 3)
  {
    path: '/projects',
    anyOf: ['projects.read'],
    Component: lazy(() => import('../modules/projects/ProjectListPage.js')),
  },
  {
    path: '/projects/board',
    anyOf: ['projects.board'],
    Component: lazy(() => import('../modules/projects/BoardPage.js')),
  },
  {
    path: '/projects/rules',
    anyOf: ['projects.read'],
    Component: lazy(() => import('../modules/projects/RulesPage.js')),
  },
  {
    path: '/projects/:id',
    anyOf: ['projects.read'],
    Component: lazy(() => import('../modules/projects/ProjectDetailPage.js')),
  },
  {
    path: '/projects/:id/checklist',
    anyOf: ['projects.read'],
    Component: lazy(() => import('../modules/projects/ChecklistPage.js')),
  },
  {
    path: '/approvals',
    anyOf: ['approvals.handle'],
    Component: lazy(() => import('../modules/approvals/ApprovalsPage.js')),
  },
  {
    path: '/approvals/report',
    anyOf: ['projects.read'],
    Component: lazy(() => import('../modules/approvals/AcceptanceReportPage.js')),
  },
  {
    path: '/dispatch',
    anyOf: ['dispatch.confirm', 'dispatch.manage'],
    Component: lazy(() => import('../modules/cadence/DispatchPage.js')),
  },
  {
    path: '/dispatch/:projectId/:month',
    anyOf: ['projects.read'],
    Component: lazy(() => import('../modules/cadence/DispatchConfirmPage.js')),
  },
  {
    path: '/supervision',
    anyOf: ['supervision.read'],
    Component: lazy(() => import('../modules/cadence/SupervisionPage.js')),
  },
  {
    path: '/observations',
    anyOf: ['observation.read'],
    Component: lazy(() => import('../modules/cadence/ObservationsPage.js')),
  },
  {
    path: '/observations/:id',
    anyOf: ['observation.read'],
    Component: lazy(() => import('../modules/cadence/ObservationDetailPage.js')),
  },
];
