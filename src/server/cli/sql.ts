import { sql } from 'drizzle-orm';
import { openForCli } from './open.js';
import { queryRows } from '../db/client.js';

/** npm run db:sql -- "select …" — runs statements against the configured database and prints rows. */
const statements = process.argv.slice(2);
if (statements.length === 0) {
  console.error('用法 / usage: npm run db:sql -- "select count(*) from projects"');
  process.exit(2);
}
const { ctx, database } = await openForCli('sql', { migrate: false });
try {
  for (const s of statements) console.table(await queryRows<Record<string, unknown>>(ctx.db, sql.raw(s)));
} finally {
  await database.close();
}
