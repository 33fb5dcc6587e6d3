import { createRequire } from 'node:module';
import type { CalendarException } from '../../../domain/calendar.js';

const require = createRequire(import.meta.url);

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** "National Day,国庆节,3" → "国庆节" */
function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

/**
 * The official schedule of `year` as published in the chinese-days package. Throws when the package
 * has no data for the year (it would otherwise silently treat every weekday as a working day).
 */
export function chineseDaysExceptions(year: number): CalendarException[] {
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  const prefix = `${year}-`;
  const out: CalendarException[] = [];
  for (const [date, v] of Object.entries(data.holidays))
    if (date.startsWith(prefix)) out.push({ date, kind: 'holiday', name: chineseName(v) });
  for (const [date, v] of Object.entries(data.workdays))
    if (date.startsWith(prefix)) out.push({ date, kind: 'workday', name: chineseName(v) });
  if (!out.some((e) => e.kind === 'holiday')) throw new Error(`chinese-days has no holiday data for ${year}`);
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export const SEEDED_YEARS = [2024, 2025, 2026] as const;
