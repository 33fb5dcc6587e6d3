/** The public face of the problems module: other code imports only from this file (docs/ARCHITECTURE.md). */
import './problem.tasks.js';
export { problemHome } from './problem.home.js';
export { insertProblem, titleFrom } from './problem.intake.js';
export { problemJobs } from './problem.jobs.js';
export { problemCode } from './problem.presenter.js';
export { problemConfigRoutes, problemRoutes, problemStepRoutes } from './problem.routes.js';
export { applyStep } from './problem.runner.js';
export { problemVisibleTo } from './problem.repository.js';
export { slaPolicyFor } from './problem.config.js';
export { closingEvents } from './problem.steps.js';
export { appendEvents, writeProjection } from './problem.store.js';
import './problem.subscribers.js';
