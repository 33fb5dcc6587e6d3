import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { developmentRecords, orgUnits, personEvents, people, relationTransfers } from '../db/schema/index.js';
import { addDays, chinaDate, type IsoDate } from '../../domain/dates.js';
import { addMonths, type PipelineDates } from '../../domain/pipeline.js';
import { makeIdNumber } from '../../domain/id-number.js';
import { maskIdNumber, maskPhone } from '../../shared/mask.js';
import { pinyinKey } from '../../shared/pinyin.js';
import type { DemoRefs } from './demo-types.js';

interface DemoPerson {
  name: string;
  org: string;
  born: IsoDate;
  area: string;
  seq: number;
  phone: string;
  status: string;
  employer: string;
  job: string;
  worker?: boolean;
  talent?: boolean;
  /** pipeline dates as months before today (negative = months ago) */
  steps?: Partial<Record<'appliedOn' | 'talkedOn' | 'activistOn' | 'candidateOn' | 'admittedOn' | 'fullOn', number>>;
  extension?: number;
  flowOutMonthsAgo?: number;
}

/** People in the pipeline, in branches that may recruit (never the 临时党支部 food_branch). */
const DEMO_PEOPLE: DemoPerson[] = [
  {
    name: '张淑芬',
    org: 'ls_project',
    born: '1982-04-16',
    area: '410102',
    seq: 122,
    phone: '13937110021',
    status: 'full',
    employer: '先锋食品产业园有限公司',
    job: '质检主管',
    worker: true,
    steps: { appliedOn: -60, talkedOn: -59.5, activistOn: -54, candidateOn: -40, admittedOn: -36, fullOn: -24 },
  },
  {
    name: '郑海涛',
    org: 'ls_project',
    born: '1996-09-03',
    area: '410105',
    seq: 311,
    phone: '13937110022',
    status: 'applicant',
    employer: '华建建设集团有限公司',
    job: '施工员',
    worker: true,
    steps: { appliedOn: -0.7 },
  },
  {
    name: '罗晓燕',
    org: 'ls_project',
    born: '1993-01-27',
    area: '410103',
    seq: 224,
    phone: '13937110023',
    status: 'activist',
    employer: '狼山冷链物流有限公司',
    job: '调度员',
    steps: { appliedOn: -16, talkedOn: -15.5, activistOn: -13 },
  },
  {
    name: '邵建军',
    org: 'coke_branch',
    born: '1989-07-12',
    area: '410181',
    seq: 517,
    phone: '13937110024',
    status: 'candidate',
    employer: '铁山煤焦化有限公司',
    job: '焦炉班长',
    worker: true,
    steps: { appliedOn: -30, talkedOn: -29.5, activistOn: -26, candidateOn: -2 },
  },
  {
    name: '韦立新',
    org: 'coke_branch',
    born: '1991-11-30',
    area: '410181',
    seq: 733,
    phone: '13937110025',
    status: 'probationary',
    employer: '铁山煤焦化有限公司',
    job: '化验员',
    talent: true,
    steps: { appliedOn: -40, talkedOn: -39.5, activistOn: -36, candidateOn: -20, admittedOn: -11.6 },
  },
  {
    name: '覃玉兰',
    org: 'coke_branch',
    born: '1990-03-08',
    area: '410181',
    seq: 842,
    phone: '13937110026',
    status: 'probationary',
    employer: '铁山氢能科技有限公司',
    job: '工艺工程师',
    talent: true,
    steps: { appliedOn: -44, talkedOn: -43.5, activistOn: -40, candidateOn: -24, admittedOn: -14 },
    extension: 6,
  },
  {
    name: '蒋德胜',
    org: 'coke_branch',
    born: '1978-05-21',
    area: '410181',
    seq: 915,
    phone: '13937110027',
    status: 'full',
    employer: '铁山煤焦化有限公司',
    job: '设备维修工',
    worker: true,
    flowOutMonthsAgo: 7,
  },
  {
    name: '黎明辉',
    org: 'dl_party',
    born: '1985-12-02',
    area: '410122',
    seq: 406,
    phone: '13937110028',
    status: 'full',
    employer: '东临新材料有限公司',
    job: '安全员',
    worker: true,
  },
];

const STEP_TEXT: Record<string, string> = {
  appliedOn: '递交入党申请书',
  talkedOn: '党组织派人谈话',
  activistOn: '确定为入党积极分子',
  candidateOn: '列为发展对象',
  admittedOn: '接收为预备党员',
  fullOn: '转为正式党员',
};

function monthsFrom(today: IsoDate, m: number): IsoDate {
  const whole = Math.trunc(m);
  return addDays(addMonths(today, whole), Math.round((m - whole) * 30));
}

/**
 * Demo members at every stage of the pipeline (one with an extended probation), a flowing-out member
 * whose relation is due for transfer, and one transfer letter waiting to be received.
 */
export async function seedDemoPeoplePipeline(tx: Tx, ctx: AppContext, refs: DemoRefs): Promise<void> {
  const today = chinaDate(refs.now);
  const zzb = refs.user('zzb');
  const ids = new Map<string, number>();
  for (const d of DEMO_PEOPLE) {
    const orgId = refs.unit(d.org);
    const [org] = await tx
      .select({ path: orgUnits.path, name: orgUnits.name })
      .from(orgUnits)
      .where(eq(orgUnits.id, orgId));
    const idNumber = makeIdNumber(d.area, d.born, d.seq);
    const [row] = await tx
      .insert(people)
      .values({
        name: d.name,
        pinyin: pinyinKey(d.name),
        gender: d.seq % 2 ? 'male' : 'female',
        birthDate: d.born,
        idEnc: ctx.cipher.encrypt(idNumber),
        idHash: ctx.cipher.blindIndex(idNumber),
        idMasked: maskIdNumber(idNumber),
        phoneEnc: ctx.cipher.encrypt(d.phone),
        phoneHash: ctx.cipher.blindIndex(d.phone),
        phoneMasked: maskPhone(d.phone),
        politicalStatus: d.status,
        relationOrgUnitId: orgId,
        orgPath: org?.path ?? null,
        employerName: d.employer,
        job: d.job,
        isWorker: d.worker ?? false,
        isTalent: d.talent ?? false,
        flow: d.flowOutMonthsAgo ? 'out' : 'none',
        flowSince: d.flowOutMonthsAgo ? monthsFrom(today, -d.flowOutMonthsAgo) : null,
        flowPlace: d.flowOutMonthsAgo ? '江苏苏州' : null,
        flowCertificate: Boolean(d.flowOutMonthsAgo),
        createdAt: refs.now,
        updatedAt: refs.now,
      })
      .returning({ id: people.id });
    const personId = row?.id as number;
    ids.set(d.name, personId);
    const events: Array<typeof personEvents.$inferInsert> = [
      {
        personId,
        kind: 'registered',
        on: today,
        text: { zh: `登记，组织关系在「${org?.name ?? ''}」`, en: 'Registered' },
        byUserId: zzb,
        at: refs.now,
      },
    ];
    if (d.steps) {
      const dates: PipelineDates = {};
      for (const [k, m] of Object.entries(d.steps)) {
        const on = monthsFrom(today, m);
        (dates as Record<string, string>)[k] = on;
        events.push({
          personId,
          kind: `pipeline_${k.replace(/On$/, '')}`,
          on,
          text: { zh: STEP_TEXT[k] ?? k, en: k },
          byUserId: zzb,
          at: refs.now,
        });
      }
      if (d.extension)
        events.push({
          personId,
          kind: 'pipeline_extend',
          on: monthsFrom(today, -2.5),
          text: {
            zh: `延长预备期${d.extension}个月：需进一步接受教育考察`,
            en: `Probation extended by ${d.extension} months`,
          },
          byUserId: zzb,
          at: refs.now,
        });
      await tx.insert(developmentRecords).values({
        personId,
        orgUnitId: orgId,
        ...dates,
        extensionMonths: d.extension ?? null,
        extensionReason: d.extension ? '需进一步接受教育考察' : null,
        introducers: dates.admittedOn ? [{ name: '张淑芬' }, { name: '王建国' }] : [],
        contacts: dates.activistOn ? [{ name: '张淑芬' }, { name: '蒋德胜' }] : [],
        updatedAt: refs.now,
      });
    }
    if (d.flowOutMonthsAgo)
      events.push({
        personId,
        kind: 'flow',
        on: monthsFrom(today, -d.flowOutMonthsAgo),
        text: { zh: '流出至江苏苏州', en: 'Flowing out to Suzhou' },
        byUserId: zzb,
        at: refs.now,
      });
    await tx.insert(personEvents).values(events);
  }
  // one transfer in progress: 黎明辉 from 东临镇党委 to 铁山煤焦化有限公司党支部
  const li = ids.get('黎明辉') as number;
  const issuedOn = addDays(today, -20);
  await tx.insert(relationTransfers).values({
    personId: li,
    fromOrgUnitId: refs.unit('dl_party'),
    toOrgUnitId: refs.unit('coke_branch'),
    letterNo: '东组转〔2026〕7号',
    issuedOn,
    validUntil: addDays(issuedOn, 90),
    issuedBy: zzb,
    createdAt: refs.now,
  });
  await tx.insert(personEvents).values({
    personId: li,
    kind: 'transfer_issued',
    on: issuedOn,
    text: { zh: '开具组织关系介绍信，转往「铁山煤焦化有限公司党支部」', en: 'Transfer letter issued' },
    byUserId: zzb,
    at: refs.now,
  });
}
