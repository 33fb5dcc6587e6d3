import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor, Tx } from '../../db/client.js';
import { auditActorOf, can, type Actor } from '../../actor.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { developmentRecords, personEvents, personParticipations, people } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/audit.writer.js';
import type { Page } from '../../http/pagination.js';
import { chinaDate, type IsoDate } from '../../../domain/dates.js';
import { checkIdNumber } from '../../../domain/id-number.js';
import { pipelineView, type PipelineDates } from '../../../domain/pipeline.js';
import { maskIdNumber, maskPhone } from '../../../shared/mask.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { PARTY_ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import {
  findPersonInScope,
  findUnitInScope,
  listPeople,
  peopleWhere,
  unitNames,
  type PersonRow,
} from './people.repository.js';
import { personAuditSnapshot, presentPerson, type PresentOpts } from './people.presenter.js';
import { presentTransfers, transfersOfPerson } from './transfer.service.js';
import type {
  CreatePersonInput,
  FlowInput,
  PeopleFilter,
  PersonDetail,
  PersonListItem,
  UpdatePersonInput,
} from '../../../shared/api/people.js';
import './people.labels.js';

export const PERSON = { zh: '人员', en: 'Person' };

export function presentOpts(ctx: AppContext, actor: Actor): PresentOpts {
  return {
    lang: actor.lang,
    today: chinaDate(ctx.clock.now()),
  };
}

export async function requirePerson(ctx: AppContext, actor: Actor, id: number, db: Executor = ctx.db) {
  const row = await findPersonInScope(db, actor, id);
  if (!row) throw notFound(PERSON);
  return row;
}

/** A party org in the actor's subtree that can hold relations: else 404 (out of scope) or 400. */
export async function requireRelationOrg(db: Executor, actor: Actor, id: number, label = '所在党组织') {
  const u = await findUnitInScope(db, actor, id);
  if (!u) throw notFound({ zh: label, en: 'Organisation' });
  if (!PARTY_ORG_KINDS.includes(u.kind as OrgKind))
    throw invalid({ zh: `${label}：必须是党组织`, en: 'The unit is not a party organisation' });
  return u;
}

export async function listPeopleFor(ctx: AppContext, actor: Actor, f: PeopleFilter): Promise<Page<PersonListItem>> {
  const where = await peopleWhere(ctx.db, actor, f, ctx.cipher);
  const { rows, total } = await listPeople(ctx.db, where, f);
  const o = presentOpts(ctx, actor);
  return { data: rows.map((r) => presentPerson(r, o)), total, page: f.page, pageSize: f.pageSize };
}

type Sealed = Partial<
  Pick<PersonRow, 'idEnc' | 'idHash' | 'idMasked' | 'phoneEnc' | 'phoneHash' | 'phoneMasked' | 'birthDate' | 'gender'>
>;

/** Validates and encrypts the ID number and phone; birth date and gender come from the ID number. */
export function sealSensitive(
  ctx: AppContext,
  input: { idNumber?: string | null | undefined; phone?: string | null | undefined },
  today: IsoDate,
): Sealed {
  const out: Sealed = {};
  if (input.idNumber !== undefined) {
    if (input.idNumber === null || input.idNumber === '')
      Object.assign(out, { idEnc: null, idHash: null, idMasked: null });
    else {
      const c = checkIdNumber(input.idNumber, today);
      if (!c.ok) throw invalid({ zh: `身份证号：${c.reason.zh}`, en: `idNumber: ${c.reason.en}` });
      Object.assign(out, {
        idEnc: ctx.cipher.encrypt(c.value),
        idHash: ctx.cipher.blindIndex(c.value),
        idMasked: maskIdNumber(c.value),
        birthDate: c.birthDate,
        gender: c.gender,
      });
    }
  }
  if (input.phone !== undefined) {
    if (!input.phone) Object.assign(out, { phoneEnc: null, phoneHash: null, phoneMasked: null });
    else
      Object.assign(out, {
        phoneEnc: ctx.cipher.encrypt(input.phone),
        phoneHash: ctx.cipher.blindIndex(input.phone),
        phoneMasked: maskPhone(input.phone),
      });
  }
  return out;
}

export const DUPLICATE_ID = new AppError('CONFLICT', {
  zh: '身份证号：已有人员登记了该身份证号',
  en: 'idNumber: a person with this ID number is already registered',
});

async function refuseDuplicateId(db: Executor, idHash: string | null | undefined, exceptId?: number): Promise<void> {
  if (!idHash) return;
  const [dup] = await db.select({ id: people.id }).from(people).where(eq(people.idHash, idHash));
  if (dup && dup.id !== exceptId) throw DUPLICATE_ID;
}

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

async function checkRefs(db: Executor, actor: Actor, input: Partial<CreatePersonInput>): Promise<void> {
  for (const key of ['employerUnitId', 'homeUnitId'] as const) {
    const v = input[key];
    if (typeof v === 'number' && !(await findUnitInScope(db, actor, v)))
      throw notFound({ zh: key === 'employerUnitId' ? '工作单位' : '居住社区', en: key });
  }
}

/** Registers a person (any status from 群众 to 正式党员) with the relation in one party org. */
export async function createPerson(ctx: AppContext, actor: Actor, input: CreatePersonInput): Promise<number> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const org = await requireRelationOrg(ctx.db, actor, input.relationOrgUnitId);
  await checkRefs(ctx.db, actor, input);
  const sealed = sealSensitive(ctx, input, today);
  await refuseDuplicateId(ctx.db, sealed.idHash);
  const who = auditActorOf(actor);
  const { idNumber: _i, phone: _p, ...fields } = input;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(people)
      .values({
        ...fields,
        ...sealed,
        birthDate: sealed.birthDate ?? fields.birthDate ?? null,
        gender: sealed.gender ?? fields.gender ?? null,
        pinyin: pinyinKey(fields.name),
        orgPath: org.path,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? DUPLICATE_ID : e;
      });
    if (!row) throw new Error('insert failed');
    await writePersonEvent(tx, {
      personId: row.id,
      kind: 'registered',
      on: today,
      text: { zh: `登记，组织关系在「${org.name}」`, en: `Registered; relation held by ${org.name}` },
      byUserId: actor.userId,
      at: now,
    });
    await recordAudit(
      tx,
      who,
      { entity: 'person', entityId: row.id, action: 'create', after: personAuditSnapshot(row) },
      now,
    );
    return row.id;
  });
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** 政治面貌 is the pipeline's result: an edit may repeat it unchanged but never set it. */
export const POLITICAL_STATUS_BY_PIPELINE = invalid({
  zh: '政治面貌：不能直接修改，请通过发展流程（发展党员：递交申请、确定积极分子、列为发展对象、接收预备党员、转正）登记',
  en: 'politicalStatus: cannot be edited; record the step in the development pipeline',
});

/**
 * Edits a person (optimistic `version`: a stale edit answers 409). The relation org changes only by
 * transfer, the political status only by a pipeline step (400 otherwise).
 */
export async function updatePerson(ctx: AppContext, actor: Actor, id: number, input: UpdatePersonInput): Promise<void> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  await requirePerson(ctx, actor, id);
  await checkRefs(ctx.db, actor, input);
  const sealed = sealSensitive(ctx, input, today);
  await refuseDuplicateId(ctx.db, sealed.idHash, id);
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(people).where(eq(people.id, id)).for('update');
    if (!current) throw notFound(PERSON);
    if (current.version !== input.version)
      throw conflict(
        {
          zh: '人员信息已被他人修改，请刷新后重试',
          en: 'The person was changed by someone else; reload and try again',
        },
        { version: current.version },
      );
    if (input.politicalStatus !== undefined && input.politicalStatus !== current.politicalStatus)
      throw POLITICAL_STATUS_BY_PIPELINE;
    const { idNumber: _i, phone: _p, version: _v, politicalStatus: _s, ...fields } = input;
    const [after] = await tx
      .update(people)
      .set({
        ...fields,
        ...sealed,
        ...(fields.name ? { pinyin: pinyinKey(fields.name) } : {}),
        version: sql`${people.version} + 1`,
        updatedAt: now,
      })
      .where(eq(people.id, id))
      .returning()
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? DUPLICATE_ID : e;
      });
    await recordAudit(
      tx,
      who,
      {
        entity: 'person',
        entityId: id,
        action: 'update',
        before: personAuditSnapshot(current),
        after: after ? personAuditSnapshot(after) : null,
      },
      now,
    );
  });
}

/** 流出 / 流入 with since date, place and whether the member holds a 流动党员活动证. */
export async function setFlow(ctx: AppContext, actor: Actor, id: number, input: FlowInput): Promise<void> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  await requirePerson(ctx, actor, id);
  if (input.flow !== 'none' && !input.flowSince)
    throw invalid({ zh: '外出（流入）日期：必填', en: 'flowSince: required' });
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(people).where(eq(people.id, id)).for('update');
    if (!current) throw notFound(PERSON);
    if (current.version !== input.version)
      throw conflict(
        {
          zh: '人员信息已被他人修改，请刷新后重试',
          en: 'The person was changed by someone else; reload and try again',
        },
        { version: current.version },
      );
    const none = input.flow === 'none';
    const set = {
      flow: input.flow,
      flowSince: none ? null : (input.flowSince ?? null),
      flowPlace: none ? null : (input.flowPlace ?? null),
      flowCertificate: none ? false : input.flowCertificate,
    };
    await tx
      .update(people)
      .set({ ...set, version: sql`${people.version} + 1`, updatedAt: now })
      .where(eq(people.id, id));
    const text =
      input.flow === 'out'
        ? {
            zh: `流出至${input.flowPlace ?? '外地'}（自${input.flowSince}）`,
            en: `Flowing out to ${input.flowPlace ?? 'elsewhere'} since ${input.flowSince}`,
          }
        : input.flow === 'in'
          ? {
              zh: `自${input.flowPlace ?? '外地'}流入（自${input.flowSince}）`,
              en: `Flowing in from ${input.flowPlace ?? 'elsewhere'} since ${input.flowSince}`,
            }
          : { zh: '结束流动', en: 'No longer flowing' };
    await writePersonEvent(tx, {
      personId: id,
      kind: 'flow',
      on: input.flowSince ?? today,
      text,
      data: set,
      byUserId: actor.userId,
      at: now,
    });
    await recordAudit(
      tx,
      who,
      {
        entity: 'person',
        entityId: id,
        action: 'flow',
        before: {
          flow: current.flow,
          flowSince: current.flowSince,
          flowPlace: current.flowPlace,
          flowCertificate: current.flowCertificate,
        },
        after: set,
      },
      now,
    );
  });
}

const ROLE_ZH: Record<string, string> = {
  participant: '参与',
  secretary: '书记',
  deputy_secretary: '副书记',
  committee_member: '委员',
  group_leader: '党小组长',
};

/** 双向管理: the person takes part in another org (in the actor's scope) with a role. */
export async function addParticipation(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { orgUnitId: number; role: string; since: IsoDate },
): Promise<void> {
  const now = ctx.clock.now();
  const row = await requirePerson(ctx, actor, id);
  const org = await requireRelationOrg(ctx.db, actor, input.orgUnitId, '参与党组织');
  if (org.id === row.person.relationOrgUnitId)
    throw invalid({ zh: '参与党组织：组织关系已在该党组织', en: 'The relation is already held by this org' });
  await ctx.db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: personParticipations.id })
      .from(personParticipations)
      .where(
        and(
          eq(personParticipations.personId, id),
          eq(personParticipations.orgUnitId, org.id),
          isNull(personParticipations.until),
        ),
      );
    if (open) throw conflict({ zh: '已在该党组织参与活动', en: 'Already taking part in this org' });
    const [p] = await tx
      .insert(personParticipations)
      .values({ personId: id, orgUnitId: org.id, role: input.role, since: input.since })
      .returning();
    await writePersonEvent(tx, {
      personId: id,
      kind: 'participation',
      on: input.since,
      text: {
        zh: `在「${org.name}」参加组织生活（${ROLE_ZH[input.role] ?? input.role}）`,
        en: `Takes part in ${org.name} (${input.role})`,
      },
      byUserId: actor.userId,
      at: now,
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      { entity: 'person_participation', entityId: p?.id ?? null, action: 'participate', after: p },
      now,
    );
  });
}

export async function endParticipation(
  ctx: AppContext,
  actor: Actor,
  id: number,
  participationId: number,
  until: IsoDate,
): Promise<void> {
  const now = ctx.clock.now();
  await requirePerson(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(personParticipations)
      .where(and(eq(personParticipations.id, participationId), eq(personParticipations.personId, id)));
    if (!p) throw notFound({ zh: '参与记录', en: 'Participation' });
    if (p.until) throw conflict({ zh: '该参与已结束', en: 'Already ended' });
    if (until < p.since) throw invalid({ zh: '结束日期：不能早于起始日期', en: 'until: before since' });
    await tx.update(personParticipations).set({ until }).where(eq(personParticipations.id, participationId));
    await writePersonEvent(tx, {
      personId: id,
      kind: 'participation_end',
      on: until,
      text: { zh: '结束双向管理参与', en: 'Participation ended' },
      byUserId: actor.userId,
      at: now,
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        entity: 'person_participation',
        entityId: participationId,
        action: 'end_participation',
        before: p,
        after: { ...p, until },
      },
      now,
    );
  });
}

function refs(list: unknown): Array<{ personId?: number | null; name: string }> {
  return Array.isArray(list) ? (list as Array<{ personId?: number | null; name: string }>) : [];
}

/** The person with participations, development record (due dates explained), timeline and transfers. */
export async function getPerson(ctx: AppContext, actor: Actor, id: number): Promise<PersonDetail> {
  const row = await requirePerson(ctx, actor, id);
  const o = presentOpts(ctx, actor);
  const [parts, [dev], events, transfers] = await Promise.all([
    ctx.db
      .select()
      .from(personParticipations)
      .where(eq(personParticipations.personId, id))
      .orderBy(asc(personParticipations.since), asc(personParticipations.id)),
    ctx.db.select().from(developmentRecords).where(eq(developmentRecords.personId, id)),
    ctx.db
      .select()
      .from(personEvents)
      .where(eq(personEvents.personId, id))
      .orderBy(asc(personEvents.on), asc(personEvents.id)),
    transfersOfPerson(ctx.db, id),
  ]);
  const names = await unitNames(
    ctx.db,
    parts.map((p) => p.orgUnitId),
  );
  const base = presentPerson(row, o);
  const view = dev ? pipelineView(dev as PipelineDates, o.today) : null;
  return {
    ...base,
    employerUnitId: row.person.employerUnitId,
    homeUnitId: row.person.homeUnitId,
    canReveal: can(actor, 'people.reveal'),
    participations: parts.map((p) => ({
      id: p.id,
      org: { id: p.orgUnitId, name: names.get(p.orgUnitId) ?? '' },
      role: p.role,
      since: p.since,
      until: p.until,
    })),
    development:
      dev && view
        ? {
            orgUnitId: dev.orgUnitId,
            appliedOn: dev.appliedOn,
            talkedOn: dev.talkedOn,
            activistOn: dev.activistOn,
            candidateOn: dev.candidateOn,
            admittedOn: dev.admittedOn,
            extensionMonths: dev.extensionMonths,
            extensionReason: dev.extensionReason,
            fullOn: dev.fullOn,
            probationEndsOn: view.probationEndsOn,
            introducers: refs(dev.introducers),
            contacts: refs(dev.contacts),
            stage: view.stage,
            next: view.next
              ? { key: view.next.key, dueOn: view.next.dueOn, status: view.next.status, text: view.next.text[o.lang] }
              : null,
            warnings: view.warnings.map((w) => ({ code: w.code, text: w.text[o.lang] })),
          }
        : null,
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      on: e.on,
      text: (e.text as { zh: string; en: string })[o.lang],
    })),
    transfers: await presentTransfers(ctx, actor, transfers),
  };
}
