import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { supervisionFindings } from '../../db/schema/index.js';

/**
 * Records which problem of the ledger a finding became (supervision owns supervision_findings; the
 * problems module calls this from its 'supervision.findingRaised' subscriber, in the same transaction).
 */
export async function linkFindingToProblem(tx: Tx, findingId: number, problemId: number): Promise<void> {
  await tx.update(supervisionFindings).set({ problemId }).where(eq(supervisionFindings.id, findingId));
}
