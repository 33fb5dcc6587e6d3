import type { Tx } from '../../db/client.js';
import { personEvents } from '../../db/schema/index.js';
import type { IsoDate } from '../../../domain/dates.js';

/** One line of a person's timeline, written in the transaction of the change it tells about. */
export async function writePersonEvent(
  tx: Tx,
  e: {
    personId: number;
    kind: string;
    on: IsoDate;
    text: { zh: string; en: string };
    data?: unknown;
    byUserId: number | null;
    at: Date;
  },
): Promise<void> {
  await tx.insert(personEvents).values({
    personId: e.personId,
    kind: e.kind,
    on: e.on,
    text: e.text,
    data: e.data ?? null,
    byUserId: e.byUserId,
    at: e.at,
  });
}
