/** The public face of the tasks module (任务中心, decision 031): other code imports only from this file. */
import './task.labels.js';
export { taskRoutes } from './task.routes.js';
export { createTask } from './task.service.js';
export {
  registerExportList,
  registerTaskKind,
  type ExportListDef,
  type Progress,
  type TaskKindDef,
  type TaskOutcome,
} from './task.registry.js';
export {
  recoverStaleTasks,
  runNextTask,
  startTaskWorker,
  TASK_STALE_MS,
  workerId,
  type AfterProgress,
  type TaskWorker,
} from './task.worker.js';
