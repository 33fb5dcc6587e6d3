/** The public face of the people module: other code imports only from this file (docs/ARCHITECTURE.md). */
import './people.tasks.js';
export { PEOPLE_HOME_PROVIDERS } from './people.home.js';
export { peopleJobs } from './people.jobs.js';
export { peopleRoutes } from './people.routes.js';
export { endParticipationsIn, enrolWorkingMembers, moveRelations, noteOrgTransformed } from './person.relations.js';
