import { sql, type SQL, type AnyColumn } from 'drizzle-orm';

/**
 * "This node and everything under it": a prefix match on the materialised path, served by the
 * text_pattern_ops index. Paths hold only digits and slashes, so no LIKE wildcard can sneak in.
 */
export function inSubtree(pathColumn: AnyColumn | SQL, scopePath: string): SQL {
  return sql`${pathColumn} like ${subtreePattern(scopePath)}`;
}

/** The LIKE pattern of a subtree, for a prepared statement's placeholder; refuses anything but a path. */
export function subtreePattern(scopePath: string): string {
  if (!/^\/(\d+\/)*$/.test(scopePath)) throw new Error(`invalid scope path ${scopePath}`);
  return `${scopePath}%`;
}

export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

/** The paths of a node and every node above it: "/1/4/12/" → ["/1/", "/1/4/", "/1/4/12/"]. */
export function ancestorPaths(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((_, i, all) => `/${all.slice(0, i + 1).join('/')}/`);
}
