import { isoDate } from '../../shared/input.js';
import type { PageQuery } from '../../shared/api/page.js';

/** The list building blocks live in the shared contract (src/shared/api/page.ts); re-exported here. */
export { pageOf, pageQuery, queryBool, type PageQuery } from '../../shared/api/page.js';

export interface Page<T> {
  data: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function offsetOf(q: PageQuery): number {
  return (q.page - 1) * q.pageSize;
}

/** A real calendar date (the one shared schema, src/shared/input.ts). */
export const isoDateString = isoDate;
