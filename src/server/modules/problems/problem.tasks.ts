import { registerExportList } from '../tasks/index.js';
import { problemsApi } from '../../../shared/api/problems.js';
import { problemPolicy } from './problem.policy.js';
import { exportLedger } from './problem.export.js';

/** 问题台账 exported as a task when the list is large (任务中心, decision 031); the same filters and file. */
registerExportList({
  list: 'problems',
  title: { zh: '导出问题台账', en: 'Problem ledger export' },
  fileName: '问题台账',
  permission: problemPolicy.stats,
  filters: problemsApi['GET /api/problems/export'].query,
  export: (ctx, owner, filters) => exportLedger(ctx, owner, filters as Parameters<typeof exportLedger>[2]),
});
