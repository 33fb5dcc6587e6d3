import type { AppContext } from '../../context.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { maskIdNumber, maskPhone } from '../../../shared/mask.js';
import { getPerson } from './person.detail.js';
import { requirePerson } from './person.access.js';
import type { PeopleFilter, PersonDetail, RevealInput } from '../../../shared/api/people.js';

/**
 * Personal data (个人信息): every list, search result and export shows ID numbers and phones masked,
 * for every role. The full value of one field of one person is shown only by 查看 (reveal), with a
 * reason, by a holder of people.reveal; reveals, detail reads and exports each leave an audit row.
 */

const FIELD_ZH = { idNumber: '身份证号', phone: '手机号' } as const;

/** The person's detail, audited as a read (who looked at whom). Writes answer with getPerson, unaudited. */
export async function readPerson(ctx: AppContext, actor: Actor, id: number): Promise<PersonDetail> {
  const detail = await getPerson(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) =>
    recordAudit(tx, auditActorOf(actor), { entity: 'person', entityId: id, action: 'read' }, now),
  );
  return detail;
}

/**
 * 查看: decrypts one field of one person in the actor's scope (404 otherwise) and records who saw
 * which field of whom and why, in the same transaction that returns it.
 */
export async function revealPersonField(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: RevealInput,
): Promise<{ field: RevealInput['field']; value: string }> {
  const { person } = await requirePerson(ctx, actor, id);
  const enc = input.field === 'idNumber' ? person.idEnc : person.phoneEnc;
  if (!enc)
    throw new AppError('UNPROCESSABLE', {
      zh: `${FIELD_ZH[input.field]}：该人员未登记`,
      en: `${input.field}: not recorded for this person`,
    });
  const value = ctx.cipher.decrypt(enc);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) =>
    recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'person',
        entityId: id,
        action: 'reveal',
        after: { field: input.field, fieldLabel: FIELD_ZH[input.field], reason: input.reason, name: person.name },
      },
      now,
    ),
  );
  return { field: input.field, value };
}

/** A filter as the audit log keeps it: an ID number or phone typed in the search box is masked. */
export function auditedFilters(f: Partial<PeopleFilter>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || k === 'page' || k === 'pageSize') continue;
    out[k] =
      typeof v === 'string' ? v.replace(/\d[\dXx]{5,}/g, (m) => (m.length >= 15 ? maskIdNumber(m) : maskPhone(m))) : v;
  }
  return out;
}

/** Every export of personal data leaves one audit row: who, which filters, how many rows, masked. */
export async function auditPeopleExport(
  ctx: AppContext,
  actor: Actor,
  f: Partial<PeopleFilter>,
  count: number,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) =>
    recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'person',
        entityId: null,
        action: 'export',
        after: { filters: auditedFilters(f), count, masked: true },
      },
      now,
    ),
  );
}
