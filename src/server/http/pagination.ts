import { isoDate } from '../../shared/input.js';
import type { PageQuery } from '../../shared/api/page.js';

/** The list building blocks live in the shared contract (src/shared/api/page.ts); the server adds the offset. */
export { pageOf, pageQuery, queryBool, type Page, type PageQuery } from '../../shared/api/page.js';

export function offsetOf(q: PageQuery): number {
  return (q.page - 1) * q.pageSize;
}

/** A real calendar date (the one shared schema, src/shared/input.ts). */
export const isoDateString = isoDate;
