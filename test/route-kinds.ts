import type { Route } from './fuzz-openapi.js';

/**
 * What a path parameter names, derived from the route path: the segment before the parameter and the
 * parameter's name (`/api/projects/{id}/nodes/{nodeId}` → `projects/{id}` is a project, `nodes/{nodeId}`
 * a node). A parameter whose key is not here is an unknown kind, and the sweep fails on it, so a new
 * route cannot slip through unswept.
 *
 * Entity kinds belong to one organisation (another organisation's id must answer 404); `global` is one
 * for the whole system (the calendar, problem categories); `value` is not an id at all (a month).
 */
export const ENTITY_KINDS = [
  'user',
  'audit',
  'unit',
  'department',
  'problem',
  'photo',
  'meeting',
  'project',
  'node',
  'approval_item',
  'visit',
  'finding',
  'observation',
  'proposal',
  'transfer',
  'person',
  'participation',
  'task',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export type ParamKind = EntityKind | 'global' | 'value';

const BY_SEGMENT: Record<string, ParamKind> = {
  'users/{id}': 'user',
  'audit/{id}': 'audit',
  'orgs/{id}': 'unit',
  'departments/{deptId}': 'department',
  'problems/{id}': 'problem',
  'photos/{photoId}': 'photo',
  'meetings/{id}': 'meeting',
  'projects/{id}': 'project',
  'dispatch/{projectId}': 'project',
  'nodes/{nodeId}': 'node',
  'approvals/{itemId}': 'approval_item',
  'visits/{id}': 'visit',
  'findings/{id}': 'finding',
  'observations/{id}': 'observation',
  'proposals/{id}': 'proposal',
  'transfers/{id}': 'transfer',
  'people/{id}': 'person',
  'participations/{pid}': 'participation',
  // 任务中心: a task is its owner's alone (another user's, even an administrator's, is not found).
  'tasks/{id}': 'task',
  // One for the whole system: the working-day calendar's years, the problem categories and their routing.
  'years/{year}': 'global',
  'categories/{code}': 'global',
  'routes/{code}': 'global',
  // Not ids.
  'investments/{month}': 'value',
  '{}/{month}': 'value',
};

/** Plausible values for parameters that are not an organisation's ids. */
export const NON_ENTITY_VALUES: Record<string, string> = { year: '2026', code: 'land', month: '2026-11' };

export interface ParamOfKind {
  name: string;
  kind: ParamKind;
}

/** The kind of every path parameter of a route; throws on a parameter of unknown kind. */
export function paramKinds(route: Pick<Route, 'path'>): ParamOfKind[] {
  const segments = route.path.split('/');
  const out: ParamOfKind[] = [];
  segments.forEach((seg, i) => {
    const m = /^\{(\w+)\}$/.exec(seg);
    if (!m) return;
    const before = (segments[i - 1] ?? '').replace(/^\{\w+\}$/, '{}');
    const key = `${before}/${seg}`;
    const kind = BY_SEGMENT[key];
    if (!kind)
      throw new Error(
        `${route.path}: path parameter ${seg} (${key}) is of no known kind; add it to test/route-kinds.ts`,
      );
    out.push({ name: m[1] as string, kind });
  });
  return out;
}

export const isEntity = (k: ParamKind): k is EntityKind => k !== 'global' && k !== 'value';
