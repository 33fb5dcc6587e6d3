import type { z } from 'zod';
import type { Actor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import type { LocalText } from '../../errors.js';
import type { Permission } from '../../../shared/permissions.js';
import type { ExportList, TaskKind } from '../../../shared/api/tasks.js';
import type { ImportReport } from '../../../shared/api/people.js';

/** Rows done / total, reported by a running task; the worker stores it (and beats the heartbeat). */
export type Progress = (done: number, total: number | null) => Promise<void>;

/** What a finished task leaves for its owner: a file to download and/or a row report. */
export interface TaskOutcome {
  file?: { name: string; data: Buffer };
  report?: ImportReport;
}

/**
 * A kind of task, registered by the module that owns the work (people registers its roster import):
 * the tasks module runs it as the owner, with the owner's current scope and permissions.
 */
export interface TaskKindDef {
  kind: TaskKind;
  title: LocalText;
  /** The owner must still hold it when the task runs (a revoked role fails the task). */
  permission: Permission;
  run(ctx: AppContext, owner: Actor, params: Record<string, unknown>, progress: Progress): Promise<TaskOutcome>;
  /** Called once the task has finished or failed (e.g. to delete the uploaded file). */
  cleanup?(ctx: AppContext, params: Record<string, unknown>): Promise<void>;
}

/** A list that can be exported as a task: the list's own filter schema and export function. */
export interface ExportListDef {
  list: ExportList;
  title: LocalText;
  fileName: string;
  permission: Permission;
  /** The list's export query schema (the same one its GET …/export route uses). */
  filters: z.ZodType;
  export(ctx: AppContext, owner: Actor, filters: unknown, progress: Progress): Promise<Buffer>;
}

const kinds = new Map<TaskKind, TaskKindDef>();
const lists = new Map<ExportList, ExportListDef>();

/** Registers a kind of task (a module does it when its index.ts loads). */
export function registerTaskKind(def: TaskKindDef): void {
  kinds.set(def.kind, def);
}

/** Registers a list whose export may run as a task. */
export function registerExportList(def: ExportListDef): void {
  lists.set(def.list, def);
}

export const taskKindOf = (kind: string): TaskKindDef | undefined => kinds.get(kind as TaskKind);
export const exportListOf = (list: string): ExportListDef | undefined => lists.get(list as ExportList);
