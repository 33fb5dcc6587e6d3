import { isoDate } from '../../shared/input.js';
import type { PageQuery } from '../../shared/page.js';

/** The page schemas are shared with the web (src/shared/page.ts); the server adds the offset. */
export { pageOf, pageQuery, queryBool, type Page, type PageQuery } from '../../shared/page.js';

export function offsetOf(q: PageQuery): number {
  return (q.page - 1) * q.pageSize;
}

/** A real calendar date (the one shared schema, src/shared/input.ts). */
export const isoDateString = isoDate;
