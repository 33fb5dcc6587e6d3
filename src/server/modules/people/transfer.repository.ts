import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../actor.js';
import { orgUnits, people, relationTransfers, userRoles, users } from '../../db/schema/index.js';
import { inSubtree, ancestorPaths } from '../../scope.js';
import { offsetOf } from '../../http/pagination.js';
import type { TransferFilter } from '../../../shared/api/people.js';
import { scopePathOf, type Reader } from './people.repository.js';

/**
 * Reads of 组织关系转接. A transfer is seen by both sides: the issuing org's subtree and the receiving
 * org's; the transfers of one person are read through the person (in the actor's subtree).
 */

const fromOrg = alias(orgUnits, 'from_org');
const toOrg = alias(orgUnits, 'to_org');

function selectTransfers(db: Executor) {
  return db
    .select({
      t: relationTransfers,
      personName: people.name,
      fromName: fromOrg.name,
      fromPath: fromOrg.path,
      toName: toOrg.name,
      toPath: toOrg.path,
    })
    .from(relationTransfers)
    .innerJoin(people, eq(people.id, relationTransfers.personId))
    .leftJoin(fromOrg, eq(fromOrg.id, relationTransfers.fromOrgUnitId))
    .leftJoin(toOrg, eq(toOrg.id, relationTransfers.toOrgUnitId));
}
export type TransferRow = Awaited<ReturnType<ReturnType<typeof selectTransfers>['where']>>[number];

/** Both sides see a transfer: the issuing org's subtree and the receiving org's. */
function touchesScope(scopePath: string): SQL {
  return sql`(${inSubtree(fromOrg.path, scopePath)} or ${inSubtree(toOrg.path, scopePath)})`;
}

/** Every transfer of a person in the actor's subtree, newest first. */
export async function transfersOfPerson(db: Executor, actor: Actor, personId: number): Promise<TransferRow[]> {
  return selectTransfers(db)
    .where(and(eq(relationTransfers.personId, personId), inSubtree(people.orgPath, actor.scope.path)))
    .orderBy(desc(relationTransfers.id));
}

/** One page of the transfers the actor's side sees (in, out or both), newest first. */
export async function listTransfers(
  db: Executor,
  actor: Actor,
  f: TransferFilter,
  today: string,
): Promise<{ rows: TransferRow[]; total: number }> {
  const conds: Array<SQL | undefined> = [
    f.direction === 'in'
      ? inSubtree(toOrg.path, actor.scope.path)
      : f.direction === 'out'
        ? inSubtree(fromOrg.path, actor.scope.path)
        : touchesScope(actor.scope.path),
  ];
  if (f.status === 'issued')
    conds.push(sql`${relationTransfers.status} = 'issued' and ${relationTransfers.validUntil} >= ${today}`);
  else if (f.status === 'expired')
    conds.push(
      sql`(${relationTransfers.status} = 'expired' or (${relationTransfers.status} = 'issued' and ${relationTransfers.validUntil} < ${today}))`,
    );
  else if (f.status) conds.push(eq(relationTransfers.status, f.status));
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    selectTransfers(db).where(where).orderBy(desc(relationTransfers.id)).limit(f.pageSize).offset(offsetOf(f)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(relationTransfers)
      .leftJoin(fromOrg, eq(fromOrg.id, relationTransfers.fromOrgUnitId))
      .leftJoin(toOrg, eq(toOrg.id, relationTransfers.toOrgUnitId))
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** A transfer either side of which is in the actor's subtree. */
export async function findTransferInScope(db: Executor, actor: Actor, id: number): Promise<TransferRow | undefined> {
  const [row] = await selectTransfers(db).where(and(eq(relationTransfers.id, id), touchesScope(actor.scope.path)));
  return row;
}

/** Letters addressed to an org in the actor's subtree, still valid and waiting to be received. */
export async function countTransfersToReceive(db: Executor, actor: Actor, today: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(relationTransfers)
    .innerJoin(orgUnits, eq(orgUnits.id, relationTransfers.toOrgUnitId))
    .where(
      and(
        eq(relationTransfers.status, 'issued'),
        sql`${relationTransfers.validUntil} >= ${today}`,
        inSubtree(orgUnits.path, actor.scope.path),
      ),
    );
  return row?.n ?? 0;
}

/** Issued letters past their validity (the daily job), either side in the reader's subtree. */
export async function staleTransferIds(db: Executor, actor: Reader, today: string): Promise<number[]> {
  const rows = await selectTransfers(db).where(
    and(
      eq(relationTransfers.status, 'issued'),
      lt(relationTransfers.validUntil, today),
      scopePathOf(actor) === '/' ? undefined : touchesScope(scopePathOf(actor)),
    ),
  );
  return rows.map((r) => r.t.id);
}

/**
 * The receiving org of a letter: a letter may go to a party org anywhere in the system, so this
 * lookup of an org unit (name, kind, path; no business rows) is deliberately not scoped.
 */
export async function receivingOrg(db: Executor, id: number) {
  const [to] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.id, id));
  return to;
}

/** Who learns that a letter is on its way: secretaries and org_dept users at the org or above it. */
export async function transferReceivers(db: Executor, orgPath: string): Promise<number[]> {
  const ancestors = ancestorPaths(orgPath);
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
    .where(
      and(
        eq(users.disabled, false),
        inArray(userRoles.roleCode, ['secretary', 'org_dept']),
        inArray(orgUnits.path, ancestors),
      ),
    );
  return rows.map((u) => u.id);
}
