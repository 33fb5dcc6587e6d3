import { pathToFileURL } from 'node:url';
import { addWorkingDays, buildCalendar, workingDaysBetween } from '../src/domain/calendar.js';
import { parseHolidayNotice } from '../src/domain/calendar-notice.js';
import { addDays } from '../src/domain/dates.js';
import { OFFICIAL_2026 } from '../test/fixtures/official-2026.js';
import { NOTICE_2025 } from '../test/fixtures/holiday-notices.js';
import { addWorkingDaysByDay, workingDaysBetweenByDay } from '../test/oracles/working-days-oracle.js';

/**
 * Working-day arithmetic (issue 10 goal 3: ≥ 1,000,000 calls/s each for spans up to a year):
 * addWorkingDays and workingDaysBetween from working-day ordinals, against the day-by-day loop they
 * replaced (test/oracles/working-days-oracle.ts) as the baseline in the same run. Inputs are fixed
 * (seeded) dates in 2025–2027 (2027 not loaded: weekends only), the same list for both. Rounds are
 * interleaved and the median round is printed; compare the ratio, not absolute figures across runs.
 *   npx tsx bench/working-days.bench.ts        (or npm run bench -- working-days)
 */
const COMMAND = 'npx tsx bench/working-days.bench.ts';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET = 1_000_000;

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Input {
  from: string;
  to: string;
  n: number;
}

function inputs(count: number, maxSpan: number, maxN: number): Input[] {
  const r = rng(7);
  return Array.from({ length: count }, () => {
    const from = addDays('2025-01-01', Math.floor(r() * 730));
    return { from, to: addDays(from, Math.floor(r() * (maxSpan + 1))), n: 1 + Math.floor(r() * maxN) };
  });
}

/** Calls per second of `call` over the inputs, repeated until at least `ms` have passed. */
function rate(list: Input[], call: (i: Input) => unknown, ms: number): number {
  let calls = 0;
  let sink = 0;
  const t0 = performance.now();
  let elapsed: number;
  do {
    for (const i of list) sink += call(i) ? 1 : 0;
    calls += list.length;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  if (sink < 0) console.log(sink);
  return (calls / elapsed) * 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function compare(name: string, list: Input[], fast: (i: Input) => unknown, slow: (i: Input) => unknown) {
  for (const i of list.slice(0, 200))
    if (fast(i) !== slow(i)) throw new Error(`${name} disagrees on ${JSON.stringify(i)}`);
  const before: number[] = [];
  const after: number[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    before.push(rate(list.slice(0, 200), slow, 150));
    after.push(rate(list, fast, 150));
  }
  const b = median(before);
  const a = median(after);
  return {
    case: name,
    'day loop calls/s': Math.round(b).toLocaleString('en'),
    'ordinals calls/s': Math.round(a).toLocaleString('en'),
    ratio: `${(a / b).toFixed(0)}×`,
    [`≥ ${TARGET.toLocaleString('en')}`]: a >= TARGET ? 'yes' : 'NO',
  };
}

export async function run(): Promise<void> {
  const cal = buildCalendar([2025, 2026], [...parseHolidayNotice(NOTICE_2025).days, ...OFFICIAL_2026]);
  const short = inputs(10_000, 30, 10);
  const year = inputs(10_000, 365, 250);
  const rows = [
    compare(
      'addWorkingDays, n 1–10',
      short,
      (i) => addWorkingDays(cal, i.from, i.n),
      (i) => addWorkingDaysByDay(cal, i.from, i.n),
    ),
    compare(
      'addWorkingDays, n 1–250 (a year)',
      year,
      (i) => addWorkingDays(cal, i.from, i.n),
      (i) => addWorkingDaysByDay(cal, i.from, i.n),
    ),
    compare(
      'workingDaysBetween, span 0–30 d',
      short,
      (i) => workingDaysBetween(cal, i.from, i.to),
      (i) => workingDaysBetweenByDay(cal, i.from, i.to),
    ),
    compare(
      'workingDaysBetween, span 0–365 d',
      year,
      (i) => workingDaysBetween(cal, i.from, i.to),
      (i) => workingDaysBetweenByDay(cal, i.from, i.to),
    ),
  ];
  console.log(`\nworking days (${COMMAND}), median of ${ROUNDS} interleaved rounds, same inputs for both`);
  console.table(rows);
  const cold: number[] = [];
  for (let k = 0; k < 200; k++) {
    const fresh = buildCalendar([2025, 2026], [...parseHolidayNotice(NOTICE_2025).days, ...OFFICIAL_2026]);
    const t0 = performance.now();
    addWorkingDays(fresh, '2026-09-30', 5);
    cold.push(performance.now() - t0);
  }
  console.log(
    `first call on a new calendar object (builds its index and one year's table): ${median(cold).toFixed(3)} ms median`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
