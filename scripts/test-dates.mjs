// npm run test:dates: `npm test` (or the parts named, as in scripts/test.mjs) as if it were 2026-12-28 and
// then 2027-03-01, under Debian's libfaketime. '@' starts the faked clock at that instant and lets it run
// (a frozen clock would hang timers). Every test sets its own clock, so both runs must pass.
import { spawnSync } from 'node:child_process';

const DATES = (process.env.XIANFENG_TEST_DATES ?? '2026-12-28 10:00:00,2027-03-01 10:00:00').split(',');
const parts = process.argv.slice(2);
const which = spawnSync('faketime', ['-f', '@2026-01-01 00:00:00', 'true']);
if (which.error || which.status !== 0) {
  console.error('faketime is not installed (Debian: apt-get install faketime)');
  process.exit(2);
}
const results = [];
for (const at of DATES) {
  console.log(`\n════ npm test as if it were ${at} ════`);
  const started = Date.now();
  const r = spawnSync('faketime', ['-f', `@${at}`, process.execPath, 'scripts/test.mjs', ...parts], {
    stdio: 'inherit',
  });
  results.push({ at, ok: r.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(0) });
}
console.log('\n──── npm run test:dates ────');
for (const r of results) console.log(`${r.ok ? '✔' : '✘'} ${r.at}  ${r.seconds} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
