import { openForCli } from './open.js';

/** npm run db:migrate — applies pending migrations to the configured database. */
const { database } = await openForCli('migrate');
console.log(`migrations applied (${database.kind})`);
await database.close();
