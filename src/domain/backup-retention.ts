import { addDays, chinaDate, dayOfWeek, type IsoDate } from './dates.js';

export interface RetentionPolicy {
  /** Keep the newest backup of each of the last N days (today included). */
  daily: number;
  /** … of each of the last N weeks (Monday–Sunday, this week included). */
  weekly: number;
  /** … of each of the last N calendar months (this month included). */
  monthly: number;
}

export interface BackupFileRef {
  name: string;
  at: Date;
}

/** The Monday of the week holding `d`. */
function mondayOf(d: IsoDate): IsoDate {
  return addDays(d, -((dayOfWeek(d) + 6) % 7));
}

function monthIndex(d: IsoDate): number {
  return Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
}

/**
 * Which backups to keep and which to remove (grandfather-father-son, by China date): the newest of
 * each of the last `daily` days, `weekly` weeks and `monthly` months is kept, and always the newest
 * backup of all (a clock set back never leaves a district without one). A backup dated after `now`
 * is kept. Everything else is removed.
 */
export function planRetention(
  backups: BackupFileRef[],
  now: Date,
  policy: RetentionPolicy,
): { keep: string[]; remove: string[] } {
  const today = chinaDate(now);
  const firstDay = addDays(today, -(policy.daily - 1));
  const firstMonday = addDays(mondayOf(today), -7 * (policy.weekly - 1));
  const firstMonth = monthIndex(today) - (policy.monthly - 1);
  const newestIn = new Map<string, BackupFileRef>();
  const offer = (bucket: string, b: BackupFileRef) => {
    const cur = newestIn.get(bucket);
    if (!cur || b.at > cur.at) newestIn.set(bucket, b);
  };
  const keep = new Set<string>();
  let newest: BackupFileRef | undefined;
  for (const b of backups) {
    if (!newest || b.at > newest.at) newest = b;
    if (b.at > now) {
      keep.add(b.name);
      continue;
    }
    const day = chinaDate(b.at);
    if (day >= firstDay) offer(`d:${day}`, b);
    if (mondayOf(day) >= firstMonday) offer(`w:${mondayOf(day)}`, b);
    if (monthIndex(day) >= firstMonth) offer(`m:${day.slice(0, 7)}`, b);
  }
  for (const b of newestIn.values()) keep.add(b.name);
  if (newest) keep.add(newest.name);
  const names = [...new Set(backups.map((b) => b.name))].sort();
  return { keep: names.filter((n) => keep.has(n)), remove: names.filter((n) => !keep.has(n)) };
}

/**
 * The nightly backup's slot at `now`: the China date once the configured hour (China time) has come
 * that day, else null (not yet tonight). A server down at that hour makes the backup when it is up.
 */
export function nightlySlot(now: Date, hour: number): string | null {
  const chinaHour = (now.getUTCHours() + 8) % 24;
  return chinaHour >= hour ? `nightly:${chinaDate(now)}` : null;
}
