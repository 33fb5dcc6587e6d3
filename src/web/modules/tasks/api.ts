import { get } from '../../app/api.js';
import type { TaskDetail, TaskPage } from '../../../shared/api/tasks.js';

export type { TaskDetail, TaskPage, TaskView } from '../../../shared/api/tasks.js';

export const isActive = (s: string): boolean => s === 'queued' || s === 'running';

/** The task center's queries; the header badge and the pages share the keys. */
export const taskKeys = {
  all: ['tasks'] as const,
  list: (q: object) => ['tasks', 'list', q] as const,
  one: (id: number) => ['tasks', 'one', id] as const,
  active: ['tasks', 'active'] as const,
};

export const fetchTask = (id: number) => get<TaskDetail>(`/api/tasks/${id}`);
export const fetchTasks = (q: { page: number; pageSize: number; status?: string }) => get<TaskPage>('/api/tasks', q);
