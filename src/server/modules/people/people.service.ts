import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { auditActorOf, type Actor } from '../../actor.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { people } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { chinaDate, type IsoDate } from '../../../domain/dates.js';
import { checkIdNumber } from '../../../domain/id-number.js';
import { maskIdNumber, maskPhone } from '../../../shared/mask.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { findUnitInScope, idNumberHolder, listPeople, type PersonRow } from './people.repository.js';
import { personAuditSnapshot, presentPerson } from './people.presenter.js';
import { PERSON, presentOpts, requirePerson, requireRelationOrg } from './person.access.js';
import { writePersonEvent } from './person.events.js';
import { getPerson } from './person.detail.js';
import type {
  CreatePersonInput,
  FlowInput,
  PeopleFilter,
  PersonDetail,
  PersonPage,
  UpdatePersonInput,
} from '../../../shared/api/people.js';
import './people.labels.js';

/** Registering and editing people (the list, 登记, 修改, 流动). Detail: person.detail.ts; 双向管理: person.participations.ts. */

// Other code of the module (and orgs' person.relations.ts) still finds the timeline writer here.
export { writePersonEvent } from './person.events.js';

export async function listPeopleFor(ctx: AppContext, actor: Actor, f: PeopleFilter): Promise<PersonPage> {
  const { rows, total, estimated } = await listPeople(ctx.db, actor, f, ctx.cipher);
  const o = presentOpts(ctx, actor);
  const data = rows.map((r) => presentPerson(r, o));
  return { data, total, ...(estimated ? { totalEstimated: true } : {}), page: f.page, pageSize: f.pageSize };
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
  const holder = await idNumberHolder(db, idHash);
  if (holder !== undefined && holder !== exceptId) throw DUPLICATE_ID;
}

async function checkRefs(db: Executor, actor: Actor, input: Partial<CreatePersonInput>): Promise<void> {
  for (const key of ['employerUnitId', 'homeUnitId'] as const) {
    const v = input[key];
    if (typeof v === 'number' && !(await findUnitInScope(db, actor, v)))
      throw notFound({ zh: key === 'employerUnitId' ? '工作单位' : '居住社区', en: key });
  }
}

/** Registers a person (any status from 群众 to 正式党员) with the relation in one party org; answers with its detail. */
export async function createPerson(ctx: AppContext, actor: Actor, input: CreatePersonInput): Promise<PersonDetail> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const org = await requireRelationOrg(ctx.db, actor, input.relationOrgUnitId);
  await checkRefs(ctx.db, actor, input);
  const sealed = sealSensitive(ctx, input, today);
  await refuseDuplicateId(ctx.db, sealed.idHash);
  const who = auditActorOf(actor);
  const { idNumber: _i, phone: _p, ...fields } = input;
  const id = await ctx.db.transaction(async (tx) => {
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
  return getPerson(ctx, actor, id);
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
export async function updatePerson(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: UpdatePersonInput,
): Promise<PersonDetail> {
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
  return getPerson(ctx, actor, id);
}

/** 流出 / 流入 with since date, place and whether the member holds a 流动党员活动证. */
export async function setFlow(ctx: AppContext, actor: Actor, id: number, input: FlowInput): Promise<PersonDetail> {
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
  return getPerson(ctx, actor, id);
}
