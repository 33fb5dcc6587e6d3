/** The public face of the projects module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { writeHistory, type HistoryEntry } from './history.repository.js';
export { storeWarnings, type ComputedWarning } from './warning.store.js';
export { nodeRoutes } from './node.routes.js';
export { PROJECT_HOME_PROVIDERS } from './project.home.js';
export { canConfirmDispatch, projectPolicy } from './project.policy.js';
export { presentReasons } from './project.presenter.js';
export { listProjects, projectFilterWhere, type ProjectListRow } from './project.repository.js';
export { projectRoutes } from './project.routes.js';
export { projectIdParams } from '../../../shared/api/projects.js';
export { findProjectInScope, projectIdVisibleTo, projectVisibleTo, regionOfPath } from './project.scope.js';
export { requireProject } from './project.service.js';
export { bindPartyBranchWhereUnset, setPartyBranch } from './project.party-org.js';
