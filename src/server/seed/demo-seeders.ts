import type { DemoSeeder } from './demo-types.js';
import { seedDemoProjects } from './demo-projects.js';
import { seedDemoProblems } from './demo-problems.js';
import { seedDemoProblemRoutes } from './demo-problem-routes.js';
import { seedDemoPeople } from './demo-people.js';
import { seedDemoPeoplePipeline } from './demo-people-pipeline.js';
import { seedDemoDispatch } from './demo-project-activity.js';

/** Each module's part of the demo region, in dependency order (projects, the people of the projects, problems, the 月调度 confirmed after them, the pipeline). */
export const DEMO_SEEDERS: DemoSeeder[] = [
  seedDemoProjects,
  seedDemoPeople,
  seedDemoProblems,
  seedDemoProblemRoutes,
  seedDemoDispatch,
  seedDemoPeoplePipeline,
];
