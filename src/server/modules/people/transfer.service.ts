import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { auditActorOf, can, SYSTEM_ACTOR, type Actor } from '../../actor.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { developmentRecords, orgUnits, people, relationTransfers } from '../../db/schema/index.js';
import { notifyUsers } from '../notifications/index.js';
import { isWithin } from '../../scope.js';
import { recordAudit } from '../../audit/audit.writer.js';
import type { Page } from '../../http/pagination.js';
import { addDays, chinaDate } from '../../../domain/dates.js';
import { PARTY_ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import { requirePerson } from './person.access.js';
import { writePersonEvent } from './person.events.js';
import {
  findTransferInScope,
  listTransfers,
  receivingOrg,
  staleTransferIds,
  transferReceivers,
  type TransferRow,
} from './transfer.repository.js';
import type { TransferFilter, TransferItem } from '../../../shared/api/people.js';

/** 组织关系介绍信 is valid for 90 days from issue. */
export const LETTER_VALID_DAYS = 90;
const TRANSFER = { zh: '组织关系转接', en: 'Transfer' };

export const TRANSFER_STATUS: Record<string, { zh: string; en: string }> = {
  issued: { zh: '已开具', en: 'Issued' },
  received: { zh: '已接收', en: 'Received' },
  rejected: { zh: '已拒绝', en: 'Rejected' },
  expired: { zh: '已超期', en: 'Expired' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};

/** An issued letter past its validity reads as 超期 at once; the daily job writes it down. */
function effectiveStatus(t: TransferRow['t'], today: string): string {
  return t.status === 'issued' && t.validUntil < today ? 'expired' : t.status;
}

export async function presentTransfers(ctx: AppContext, actor: Actor, rows: TransferRow[]): Promise<TransferItem[]> {
  const today = chinaDate(ctx.clock.now());
  const manage = can(actor, 'transfers.manage');
  return rows.map((r) => {
    const status = effectiveStatus(r.t, today);
    return {
      id: r.t.id,
      personId: r.t.personId,
      personName: r.personName,
      fromOrg: r.t.fromOrgUnitId ? { id: r.t.fromOrgUnitId, name: r.fromName ?? '' } : null,
      toOrg: r.t.toOrgUnitId ? { id: r.t.toOrgUnitId, name: r.toName ?? r.t.toOrgName ?? '' } : null,
      letterNo: r.t.letterNo,
      issuedOn: r.t.issuedOn,
      validUntil: r.t.validUntil,
      status,
      statusLabel: TRANSFER_STATUS[status]?.[actor.lang] ?? status,
      decidedOn: r.t.decidedOn,
      reason: r.t.reason,
      version: r.t.version,
      canReceive: manage && status === 'issued' && !!r.toPath && isWithin(r.toPath, actor.scope.path),
      canRevoke: manage && status === 'issued' && !!r.fromPath && isWithin(r.fromPath, actor.scope.path),
    };
  });
}

export async function listTransfersFor(ctx: AppContext, actor: Actor, f: TransferFilter): Promise<Page<TransferItem>> {
  const today = chinaDate(ctx.clock.now());
  const { rows, total } = await listTransfers(ctx.db, actor, f, today);
  return { data: await presentTransfers(ctx, actor, rows), total, page: f.page, pageSize: f.pageSize };
}
/** 开具: the letter from the person's current org to a party org anywhere in the system; one open transfer at a time. */
export async function issueTransfer(
  ctx: AppContext,
  actor: Actor,
  input: {
    personId: number;
    toOrgUnitId: number;
    letterNo?: string | null | undefined;
    issuedOn?: string | undefined;
    reason?: string | null | undefined;
  },
): Promise<number> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const issuedOn = input.issuedOn ?? today;
  const row = await requirePerson(ctx, actor, input.personId);
  const p = row.person;
  if (!p.relationOrgUnitId) throw invalid({ zh: '该人员没有组织关系，无需转接', en: 'The person holds no relation' });
  const to = await receivingOrg(ctx.db, input.toOrgUnitId);
  if (!to) throw notFound({ zh: '转入党组织', en: 'Receiving org' });
  if (!PARTY_ORG_KINDS.includes(to.kind as OrgKind))
    throw invalid({ zh: '转入党组织：必须是党组织', en: 'toOrgUnitId: not a party organisation' });
  if (to.id === p.relationOrgUnitId)
    throw invalid({ zh: '转入党组织：与现所在党组织相同', en: 'toOrgUnitId: same as the current org' });
  if (issuedOn > today) throw invalid({ zh: '开具日期：不能晚于今天', en: 'issuedOn: in the future' });
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: people.id }).from(people).where(eq(people.id, p.id)).for('update');
    const [open] = await tx
      .select({ id: relationTransfers.id })
      .from(relationTransfers)
      .where(
        and(
          eq(relationTransfers.personId, p.id),
          eq(relationTransfers.status, 'issued'),
          sql`${relationTransfers.validUntil} >= ${today}`,
        ),
      );
    if (open)
      throw conflict({ zh: '该人员已有未办结的组织关系转接', en: 'An open transfer already exists for this person' });
    const validUntil = addDays(issuedOn, LETTER_VALID_DAYS);
    const [t] = await tx
      .insert(relationTransfers)
      .values({
        personId: p.id,
        fromOrgUnitId: p.relationOrgUnitId,
        toOrgUnitId: to.id,
        letterNo: input.letterNo ?? null,
        issuedOn,
        validUntil,
        reason: input.reason ?? null,
        issuedBy: actor.userId,
        createdAt: now,
      })
      .returning();
    if (!t) throw new Error('insert failed');
    await writePersonEvent(tx, {
      personId: p.id,
      kind: 'transfer_issued',
      on: issuedOn,
      text: {
        zh: `开具组织关系介绍信，转往「${to.name}」（有效期至${validUntil}）`,
        en: `Transfer letter issued to ${to.name}, valid until ${validUntil}`,
      },
      data: { transferId: t.id },
      byUserId: actor.userId,
      at: now,
    });
    // the receiving org's secretaries (and transfer managers above it) learn that a letter is on its way
    await notifyUsers(
      tx,
      await transferReceivers(tx, to.path),
      {
        kind: 'transfer_issued',
        title: {
          zh: `${p.name}的组织关系转入「${to.name}」，待接收`,
          en: `Transfer of ${p.name} to ${to.name} awaits receipt`,
        },
        body: { zh: `介绍信有效期至${validUntil}`, en: `Valid until ${validUntil}` },
        link: '/people/transfers?direction=in&status=issued',
        entity: 'relation_transfer',
        entityId: t.id,
      },
      now,
    );
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'relation_transfer', entityId: t.id, action: 'issue', after: t },
      now,
    );
    return t.id;
  });
}

type Decision = 'receive' | 'reject' | 'revoke';

/**
 * 接收 / 拒绝 by the receiving side, 撤销 by the issuing side. Only a receipt moves the relation (and
 * org_path) to the new org. A letter past its validity is 超期 and can no longer be received.
 */
export async function decideTransfer(
  ctx: AppContext,
  actor: Actor,
  id: number,
  decision: Decision,
  input: { reason?: string | null | undefined; version: number },
): Promise<void> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const row = await findTransferInScope(ctx.db, actor, id);
  if (!row) throw notFound(TRANSFER);
  const side = decision === 'revoke' ? row.fromPath : row.toPath;
  if (!side || !isWithin(side, actor.scope.path)) throw notFound(TRANSFER);
  if (decision === 'reject' && !input.reason)
    throw invalid({ zh: '理由：拒绝时必填', en: 'reason: required to reject' });
  const who = auditActorOf(actor);
  const expired = await ctx.db.transaction(async (tx) => {
    const [t] = await tx.select().from(relationTransfers).where(eq(relationTransfers.id, id)).for('update');
    if (!t) throw notFound(TRANSFER);
    if (t.version !== input.version)
      throw conflict(
        { zh: '转接已被他人处理，请刷新后重试', en: 'The transfer was changed by someone else; reload' },
        { version: t.version },
      );
    if (t.status !== 'issued')
      throw conflict({
        zh: `该转接${TRANSFER_STATUS[t.status]?.zh ?? t.status}，不能再办理`,
        en: `The transfer is ${t.status}`,
      });
    if (t.validUntil < today && decision !== 'revoke') {
      await markExpired(tx, t, now);
      return true;
    }
    const status = decision === 'receive' ? 'received' : decision === 'reject' ? 'rejected' : 'revoked';
    const [after] = await tx
      .update(relationTransfers)
      .set({
        status,
        decidedOn: today,
        decidedBy: actor.userId,
        reason: input.reason ?? t.reason,
        version: sql`${relationTransfers.version} + 1`,
      })
      .where(eq(relationTransfers.id, id))
      .returning();
    if (decision === 'receive') {
      const [org] = await tx
        .select({ path: orgUnits.path, name: orgUnits.name })
        .from(orgUnits)
        .where(eq(orgUnits.id, t.toOrgUnitId as number));
      if (!org) throw notFound({ zh: '转入党组织', en: 'Receiving org' });
      await tx
        .update(people)
        .set({
          relationOrgUnitId: t.toOrgUnitId,
          orgPath: org.path,
          version: sql`${people.version} + 1`,
          updatedAt: now,
        })
        .where(eq(people.id, t.personId));
      await tx
        .update(developmentRecords)
        .set({ orgUnitId: t.toOrgUnitId, updatedAt: now })
        .where(eq(developmentRecords.personId, t.personId));
      await writePersonEvent(tx, {
        personId: t.personId,
        kind: 'transfer_received',
        on: today,
        text: { zh: `组织关系转入「${org.name}」`, en: `Relation received by ${org.name}` },
        data: { transferId: id, from: t.fromOrgUnitId, to: t.toOrgUnitId },
        byUserId: actor.userId,
        at: now,
      });
    } else {
      const text =
        decision === 'reject'
          ? { zh: `组织关系转接被拒绝：${input.reason ?? ''}`, en: `Transfer rejected: ${input.reason ?? ''}` }
          : { zh: '撤销组织关系转接', en: 'Transfer revoked' };
      await writePersonEvent(tx, {
        personId: t.personId,
        kind: `transfer_${status}`,
        on: today,
        text,
        data: { transferId: id },
        byUserId: actor.userId,
        at: now,
      });
    }
    await recordAudit(tx, who, { entity: 'relation_transfer', entityId: id, action: decision, before: t, after }, now);
    return false;
  });
  if (expired)
    throw conflict({
      zh: `介绍信已于${row.t.validUntil}超期，请重新开具`,
      en: `The letter expired on ${row.t.validUntil}; issue a new one`,
    });
}

async function markExpired(tx: Tx, t: typeof relationTransfers.$inferSelect, now: Date): Promise<void> {
  await tx
    .update(relationTransfers)
    .set({ status: 'expired', decidedOn: t.validUntil, version: sql`${relationTransfers.version} + 1` })
    .where(eq(relationTransfers.id, t.id));
  await writePersonEvent(tx, {
    personId: t.personId,
    kind: 'transfer_expired',
    on: t.validUntil,
    text: {
      zh: `组织关系介绍信超期（有效期至${t.validUntil}）`,
      en: `Transfer letter expired (valid until ${t.validUntil})`,
    },
    data: { transferId: t.id },
    byUserId: null,
    at: now,
  });
  await recordAudit(
    tx,
    SYSTEM_ACTOR,
    {
      entity: 'relation_transfer',
      entityId: t.id,
      action: 'expire',
      before: { status: t.status },
      after: { status: 'expired' },
    },
    now,
  );
}

/** The daily job: every issued letter past its validity becomes 超期. Returns how many. */
export async function expireTransfers(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const stale = await staleTransferIds(ctx.db, SYSTEM_ACTOR, today);
  let n = 0;
  for (const id of stale)
    await ctx.db.transaction(async (tx) => {
      const [t] = await tx.select().from(relationTransfers).where(eq(relationTransfers.id, id)).for('update');
      if (t?.status !== 'issued' || t.validUntil >= today) return;
      await markExpired(tx, t, now);
      n++;
    });
  return n;
}
