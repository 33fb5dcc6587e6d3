// The environment npm start gives the server process (scripts/start.mjs), shared with bench/memory.bench.ts.
// glibc malloc: fewer arenas and an earlier trim return the memory V8's threads used to compile PGlite's
// WASM module to the system (measured in docs/decisions/027: −26 MB idle on an existing data dir, −60 MB
// after a fresh start). A value the operator set wins.
export const MALLOC_DEFAULTS = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };

export function serverProcessEnv(env = process.env) {
  return { ...MALLOC_DEFAULTS, ...env };
}
