// Profiling aid (not part of npm run bench): node --cpu-prof --import tsx bench/profile-read.ts
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/client.js';
import { loadDemoData } from '../src/server/seed/first-start.js';
import { benchPglite } from './db.js';
import { benchApp, loginCookie } from './app.js';

const b = await benchPglite();
const app = await benchApp(b.database);
await loadDemoData(app.ctx);
const cookie = await loginCookie(app, 'zzb', 'Xianfeng@2026');
const [unit] = await queryRows<{ id: number }>(app.ctx.db, sql`select id from org_units where name = '狼山街道'`);
for (let i = 0; i < 5000; i++) await app.inject({ method: 'GET', url: `/api/orgs/${unit?.id}`, headers: { cookie } });
await app.close();
await b.drop();
