import type { DemoSeeder } from './demo-types.js';
import { seedDemoProjects } from './demo-projects.js';
import { seedDemoProblems } from './demo-problems.js';
import { seedDemoPeople } from './demo-people.js';

/** Each module's part of the demo region, in dependency order (projects before people, problems …). */
export const DEMO_SEEDERS: DemoSeeder[] = [seedDemoProjects, seedDemoProblems];
DEMO_SEEDERS.splice(DEMO_SEEDERS.indexOf(seedDemoProjects) + 1, 0, seedDemoPeople);
