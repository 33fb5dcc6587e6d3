#!/usr/bin/env node
// The module boundaries of docs/ARCHITECTURE.md, checked on every `npm run check`:
//  1. code outside a server module reaches it only through its public file `modules/<m>/index.ts`
//     (tests excepted: they may test a module's internals);
//  2. no import cycle between server modules;
//  3. the web and the shared contract never import the server; the domain imports only itself and shared;
//  4. one owner per table: a table (src/server/db/schema) is inserted into, updated or deleted from by one
//     server module only (drizzle's `.insert(t)` / `.update(t)` / `.delete(t)` and raw `insert into` /
//     `update … set` / `delete from`); other modules call the owner's public functions or react to its events.
// Exit 1 with one line per violation.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');
const modulesDir = join(src, 'server', 'modules');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const isTest = (f) => /\.test\.tsx?$/.test(f);
const rel = (f) => relative(root, f).split(sep).join('/');

/** The server module a file belongs to, or undefined. */
function moduleOf(file) {
  const r = relative(modulesDir, file);
  if (r.startsWith('..') || !r.includes(sep)) return undefined;
  return r.split(sep)[0];
}

const importRe =
  /(?:^|[;\n])\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec || !spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/, '');
    const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
    out.push({ spec, target, line });
  }
  return out;
}

const problems = [];
const edges = new Map(); // module -> Map(module -> first "file:line")

for (const file of walk(src)) {
  const from = moduleOf(file);
  const fromArea = rel(file).split('/')[1]; // server | web | shared | domain
  for (const { spec, target, line } of importsOf(file)) {
    const where = `${rel(file)}:${line}`;
    const targetArea = relative(src, target).split(sep)[0];
    if ((fromArea === 'web' || fromArea === 'shared') && targetArea === 'server')
      problems.push(`${where} ${fromArea} imports the server (${spec})`);
    if (fromArea === 'shared' && targetArea === 'web') problems.push(`${where} shared imports the web (${spec})`);
    if (fromArea === 'domain' && !isTest(file) && !['domain', 'shared'].includes(targetArea))
      problems.push(`${where} domain imports ${targetArea} (${spec}); the domain is pure`);
    const to = moduleOf(target);
    if (!to || to === from) continue;
    const publicFile = relative(modulesDir, target).split(sep).slice(1).join('/') === 'index';
    if (!publicFile && !isTest(file))
      problems.push(`${where} reaches into module "${to}" (${spec}); import its public file ../${to}/index.js`);
    if (from && !isTest(file)) {
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, where);
    }
  }
}

// One owner per table.
const tables = new Map(); // drizzle name and SQL name -> SQL name
for (const file of walk(join(src, 'server', 'db', 'schema'))) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)) {
    tables.set(m[1], m[2]);
    tables.set(m[2], m[2]);
  }
}
const writers = new Map(); // SQL name -> Map(module -> first "file:line")
for (const file of walk(modulesDir)) {
  const m = moduleOf(file);
  if (!m || isTest(file)) continue;
  const text = readFileSync(file, 'utf8');
  const hits = [
    ...text.matchAll(/\.(?:insert|update|delete)\(\s*(\w+)\s*\)/g),
    ...text.matchAll(/\b(?:insert\s+into|delete\s+from)\s+"?(\w+)"?/gi),
    ...text.matchAll(/\bupdate\s+"?(\w+)"?\s+set\b/gi),
  ];
  for (const hit of hits) {
    const table = tables.get(hit[1]);
    if (!table) continue;
    if (!writers.has(table)) writers.set(table, new Map());
    if (!writers.get(table).has(m))
      writers.get(table).set(m, `${rel(file)}:${text.slice(0, hit.index).split('\n').length}`);
  }
}
for (const [table, byModule] of [...writers].sort()) {
  if (byModule.size > 1)
    problems.push(
      `table ${table} is written by ${byModule.size} modules: ${[...byModule].map(([m, w]) => `${m} (${w})`).join(', ')}`,
    );
}

// Cycles between modules: depth-first search, report each cycle once.
const seen = new Set();
const reported = new Set();
function dfs(node, stack) {
  if (stack.includes(node)) {
    const cycle = stack.slice(stack.indexOf(node));
    const key = [...cycle].sort().join(',');
    if (!reported.has(key)) {
      reported.add(key);
      const hops = cycle.map(
        (m, i) => `${m} → ${cycle[(i + 1) % cycle.length]} (${edges.get(m).get(cycle[(i + 1) % cycle.length])})`,
      );
      problems.push(`import cycle between modules: ${hops.join('; ')}`);
    }
    return;
  }
  if (seen.has(node)) return;
  stack.push(node);
  for (const next of edges.get(node)?.keys() ?? []) dfs(next, stack);
  stack.pop();
  seen.add(node);
}
for (const m of [...edges.keys()].sort()) dfs(m, []);

if (problems.length) {
  console.error(`architecture: ${problems.length} violation(s)\n` + problems.map((p) => `  ${p}`).join('\n'));
  process.exit(1);
}
console.log(
  `architecture: ${[...edges.keys()].length} modules, ${writers.size} tables each written by one module; boundaries and cycles clean`,
);
