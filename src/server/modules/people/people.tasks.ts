import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { createTask, registerExportList, registerTaskKind } from '../tasks/index.js';
import { peopleApi, type PeopleFilter } from '../../../shared/api/people.js';
import { peoplePolicy } from './people.policy.js';
import { importPeople, openRoster } from './people.import.js';
import { exportPeople } from './people.export.js';

type ImportParams = { fileKey: string; onlyValid: boolean };

/**
 * The roster import as a task (任务中心, decision 031): the file is checked for a header now (a wrong
 * file is refused at once with 400), kept in the file store, and read by the worker, which reports
 * rows read / total; the row report is the task's result.
 */
export async function queueRosterImport(
  ctx: AppContext,
  actor: Actor,
  file: Buffer,
  onlyValid: boolean,
): Promise<{ id: number }> {
  await openRoster(file);
  const fileKey = `tasks/uploads/${randomUUID()}.xlsx`;
  await ctx.files.put(fileKey, file);
  try {
    return await createTask(ctx, actor, 'people.import', { fileKey, onlyValid } satisfies ImportParams);
  } catch (e) {
    await ctx.files.delete(fileKey);
    throw e;
  }
}

registerTaskKind({
  kind: 'people.import',
  title: { zh: '导入党员名册', en: 'Roster import' },
  permission: peoplePolicy.import,
  async run(ctx, owner, params, progress) {
    const p = params as ImportParams;
    const file = await ctx.files.get(p.fileKey);
    return { report: await importPeople(ctx, owner, file, p.onlyValid, progress) };
  },
  async cleanup(ctx, params) {
    await ctx.files.delete((params as ImportParams).fileKey);
  },
});

registerExportList({
  list: 'people',
  title: { zh: '导出党员台账', en: 'Members ledger export' },
  fileName: '党员台账',
  permission: peoplePolicy.export,
  filters: peopleApi['GET /api/people/export'].query,
  export: (ctx, owner, filters) => exportPeople(ctx, owner, filters as Omit<PeopleFilter, 'page' | 'pageSize'>),
});
