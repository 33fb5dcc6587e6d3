import type { DemoSeeder } from './demo-types.js';
import { seedDemoProjects } from './demo-projects.js';
import { seedDemoProblems } from './demo-problems.js';
import { seedDemoPeoplePipeline } from './demo-people-pipeline.js';

/** Each module's part of the demo region, in dependency order (projects before people, problems …). */
export const DEMO_SEEDERS: DemoSeeder[] = [seedDemoProjects, seedDemoProblems];
DEMO_SEEDERS.push(seedDemoPeoplePipeline);
