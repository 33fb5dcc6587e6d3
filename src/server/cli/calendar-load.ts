import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { openForCli } from './open.js';
import { parseScheduleCsv, parseScheduleJson, ScheduleError } from '../../domain/calendar-import.js';
import { saveYearSchedule } from '../modules/calendar/index.js';
import { AppError } from '../errors.js';

/**
 * npm run calendar:load -- --file 2027.json [--year 2027]
 * Loads (or replaces) one year's official schedule from a JSON or CSV file; see docs/operations.md.
 */
const { values } = parseArgs({
  options: { file: { type: 'string' }, year: { type: 'string' }, format: { type: 'string' } },
});
if (!values.file) {
  console.error('用法 / usage: npm run calendar:load -- --file <2027.json|2027.csv> [--year 2027]');
  process.exit(2);
}
const format = values.format ?? (extname(values.file).toLowerCase() === '.csv' ? 'csv' : 'json');
const text = readFileSync(values.file, 'utf8');
const yearHint = values.year ? Number(values.year) : undefined;
let schedule;
try {
  schedule = format === 'csv' ? parseScheduleCsv(text, yearHint) : parseScheduleJson(text, yearHint);
} catch (e) {
  if (e instanceof ScheduleError) {
    console.error(
      `文件有误 / the file has problems:\n${e.problems.map((p) => `  - ${p.where}: ${p.zh} / ${p.en}`).join('\n')}`,
    );
    process.exit(1);
  }
  throw e;
}
const { ctx, database } = await openForCli('calendar-load');
try {
  await saveYearSchedule(
    ctx,
    { userId: null, name: 'cli', scopePath: '/', ip: null, requestId: null },
    schedule,
    `cli:${format}`,
  );
  console.log(`已导入 ${schedule.year} 年工作日历 / loaded ${schedule.year}: ${schedule.days.length} dated exceptions`);
} catch (e) {
  if (e instanceof AppError) {
    console.error(e.text.zh);
    process.exitCode = 1;
  } else throw e;
} finally {
  await database.close();
}
