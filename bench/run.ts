import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * npm run bench [-- name …]: runs bench/<name>.bench.ts (all of them without arguments). Each prints
 * its own figures with ratios to a baseline measured in the same run; these machines are shared and
 * noisy, so compare ratios, not absolute numbers across runs.
 */
const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace('.bench.ts', '')))
  .sort((a, b) => (a.startsWith('foundation') ? -1 : b.startsWith('foundation') ? 1 : a.localeCompare(b)));
if (files.length === 0) {
  console.error(`no bench matches ${wanted.join(', ')}`);
  process.exit(2);
}
console.log(`node ${process.version}, ${new Date().toISOString()}`);
for (const f of files) {
  console.log(`\n════ ${f} ════`);
  const mod = (await import(`./${f}`)) as { run: () => Promise<void> };
  await mod.run();
}
