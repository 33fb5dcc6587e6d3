/**
 * PostgreSQL class 22 ("data exception": invalid datetime 22007/22008, numeric out of range 22003,
 * invalid byte sequence 22021, untranslatable character 22P05 …) means the request carried a value
 * the database cannot hold. Validation should refuse these first (src/shared/input.ts, text-guard);
 * this is the last resort so one missed field answers 400, not 500. Drizzle wraps the driver's
 * error, so the cause chain is walked.
 */
export function pgDataErrorCode(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
