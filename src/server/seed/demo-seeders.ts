import type { DemoSeeder } from './demo-types.js';
import { seedDemoProjects } from './demo-projects.js';
import { seedDemoProblems } from './demo-problems.js';
import { seedDemoPeople } from './demo-people.js';
import { seedDemoPeoplePipeline } from './demo-people-pipeline.js';

/** Each module's part of the demo region, in dependency order (projects, the people of the projects, problems, the pipeline). */
export const DEMO_SEEDERS: DemoSeeder[] = [seedDemoProjects, seedDemoPeople, seedDemoProblems, seedDemoPeoplePipeline];
