import { inArray } from 'drizzle-orm';
import {
  orgOfficers,
  orgSetupTasks,
  orgUnits,
  partyOrgCoverage,
  partyOrgs,
  people,
  personEvents,
  personParticipations,
  relationTransfers,
} from '../db/schema/index.js';
import { insertUnit } from '../modules/orgs/index.js';
import { pinyinKey } from '../../shared/pinyin.js';
import { maskIdNumber, maskPhone } from '../../shared/mask.js';
import { addDays, chinaDate } from '../../domain/dates.js';
import { nextElection } from '../../domain/org-rules.js';
import type { DemoSeeder } from './demo-types.js';

/** GB 11643-1999: the 18th character of a citizen ID number (ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '建国',
  '志强',
  '秀英',
  '海燕',
  '立新',
  '文博',
  '晓东',
  '丽娟',
  '国庆',
  '红梅',
  '子涵',
  '浩然',
  '雪梅',
  '德明',
  '春生',
  '玉兰',
  '振华',
  '思远',
  '佳怡',
  '永刚',
  '新民',
  '桂芳',
  '宏伟',
  '雅琴',
  '卫东',
  '淑珍',
  '俊杰',
  '明辉',
];

/**
 * 党员 of the demo region (issue 5): the sixteen small 东临 projects (XM-2026-101…116) each with
 * fewer than 3 formal members — the coverage engine's case for joint branches — and the food park's
 * temporary branch and the coke firm's branch with their own members (≥ 3). Most have a home community
 * (where a relation goes when a branch closes); a few have none, so closing the food branch shows the
 * refusal with their names. ID numbers are valid (checksum) and stored as the people module does:
 * encrypted, blind-indexed and masked.
 */
export const seedDemoPeople: DemoSeeder = async (tx, ctx, refs) => {
  const today = chinaDate(refs.now);
  const unit = (k: string) => refs.unit(k);

  // community party branches: where members living there keep or move their relation
  for (const [key, parent, name] of [
    ['xingfu_party', 'xingfu', '幸福社区党支部'],
    ['donghu_party', 'donghu', '东湖社区党支部'],
    ['tieshancun_party', 'tieshancun', '铁山村党支部'],
    ['donglincun_party', 'donglincun', '东临村党支部'],
  ] as const) {
    const u = await insertUnit(tx, {
      parentId: unit(parent),
      kind: 'branch',
      name,
      code: `P-${key.toUpperCase()}`,
      pinyin: pinyinKey(name),
    });
    refs.setUnit(key, u.id);
  }

  // details of every party org of the demo region
  const details: Array<[string, string, string | null, number | null, string | null]> = [
    ['gwc', '2018-03-01', '先开工〔2018〕1号', 5, '2023-03-01'],
    ['ls_party', '2018-05-10', '先开工〔2018〕12号', 5, '2022-05-10'],
    ['ls_project', '2025-11-20', '狼山工〔2025〕30号', 5, '2025-11-20'],
    ['food_branch', '2026-03-20', '狼项党〔2026〕3号', null, null],
    ['ts_party', '2019-06-01', '先开工〔2019〕8号', 5, '2024-06-01'],
    ['chain', '2024-07-01', '先开工〔2024〕21号', 5, '2024-07-01'],
    ['coke_branch', '2020-12-10', '煤焦氢链党〔2020〕2号', 3, '2023-12-10'],
    ['nonpublic', '2021-04-15', '先开工〔2021〕16号', 5, '2021-04-15'],
    ['dl_party', '2018-05-10', '先开工〔2018〕13号', 5, '2023-05-10'],
    ['dl_joint', '2024-04-01', '东临党〔2024〕5号', 3, '2024-04-01'],
    ['station', '2022-01-10', '先开工〔2022〕2号', null, null],
    ['xingfu_party', '2016-09-01', '狼山工〔2016〕9号', 3, '2024-09-01'],
    ['donghu_party', '2016-09-01', '狼山工〔2016〕10号', 3, '2024-09-01'],
    ['tieshancun_party', '2015-06-01', '铁党〔2015〕4号', 5, '2021-12-20'],
    ['donglincun_party', '2015-06-01', '东临党〔2015〕6号', 5, '2022-01-15'],
  ];
  await tx.insert(partyOrgs).values(
    details.map(([key, establishedOn, docNo, termYears, termStartedOn]) => ({
      unitId: unit(key),
      establishedOn,
      docNo,
      termYears,
      termStartedOn,
      nextElectionOn: nextElection(termStartedOn, termYears),
      projectId: key === 'food_branch' ? refs.project('XM-2026-001') : null,
      updatedAt: refs.now,
    })),
  );
  await tx.insert(partyOrgCoverage).values([
    {
      orgUnitId: unit('food_branch'),
      targetKind: 'project',
      projectId: refs.project('XM-2026-001'),
      since: '2026-03-20',
    },
    { orgUnitId: unit('food_branch'), targetKind: 'unit', coveredUnitId: unit('food'), since: '2026-03-20' },
    { orgUnitId: unit('coke_branch'), targetKind: 'unit', coveredUnitId: unit('coke'), since: '2020-12-10' },
    {
      orgUnitId: unit('coke_branch'),
      targetKind: 'project',
      projectId: refs.project('XM-2026-005'),
      since: '2026-03-02',
    },
    { orgUnitId: unit('station'), targetKind: 'unit', coveredUnitId: unit('hydrogen'), since: '2022-01-10' },
  ]);

  const paths = new Map<number, string>();
  const orgKeys = [
    'food_branch',
    'coke_branch',
    'dl_party',
    'ts_party',
    'xingfu_party',
    'donghu_party',
    'tieshancun_party',
    'donglincun_party',
  ];
  for (const r of await tx
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(orgUnits)
    .where(inArray(orgUnits.id, orgKeys.map(unit))))
    paths.set(r.id, r.path);

  let n = 0;
  interface Spec {
    status: 'full' | 'probationary' | 'masses';
    relation: string | null;
    employer: string | null;
    project?: string;
    home: string | null;
    name?: string;
    job?: string;
    worker?: boolean;
  }
  const ids: Array<{ spec: Spec; id: number }> = [];
  const person = async (spec: Spec) => {
    n++;
    const name = spec.name ?? `${SURNAMES[(n * 7) % SURNAMES.length]}${GIVEN[(n * 5) % GIVEN.length]}`;
    const birth = `19${70 + (n % 28)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + ((n * 3) % 28)).padStart(2, '0')}`;
    const first17 = `410184${birth}${String(100 + n).slice(-3)}`;
    const idNo = first17 + idCheckChar(first17);
    const phone = `139${String(37_000_000 + n * 7919).padStart(8, '0')}`;
    const relationId = spec.relation ? unit(spec.relation) : null;
    const [row] = await tx
      .insert(people)
      .values({
        name,
        pinyin: pinyinKey(name),
        gender: n % 3 === 0 ? 'female' : 'male',
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
        idEnc: ctx.cipher.encrypt(idNo),
        idHash: ctx.cipher.blindIndex(idNo),
        idMasked: maskIdNumber(idNo),
        phoneEnc: ctx.cipher.encrypt(phone),
        phoneHash: ctx.cipher.blindIndex(phone),
        phoneMasked: maskPhone(phone),
        politicalStatus: spec.status,
        relationOrgUnitId: relationId,
        orgPath: relationId ? (paths.get(relationId) ?? null) : null,
        employerUnitId: spec.employer ? unit(spec.employer) : null,
        projectId: spec.project ? refs.project(spec.project) : null,
        job: spec.job ?? (spec.worker ? '施工员' : '技术员'),
        homeUnitId: spec.home ? unit(spec.home) : null,
        isWorker: spec.worker ?? false,
        createdAt: refs.now,
        updatedAt: refs.now,
      })
      .returning({ id: people.id });
    ids.push({ spec, id: row!.id });
    return row!.id;
  };

  // 先锋食品产业园项目临时党支部: 6 formal members on site (2 without a home community), 1 probationary
  const food = { relation: 'food_branch', employer: 'food', project: 'XM-2026-001' } as const;
  const zhaoMin = await person({ ...food, status: 'full', home: 'xingfu', name: '赵敏', job: '临时党支部书记' });
  await person({ ...food, status: 'full', home: 'xingfu', job: '生产经理' });
  await person({ ...food, status: 'full', home: 'donghu', job: '质检主管' });
  await person({ ...food, status: 'full', home: 'donghu', job: '安全员' });
  const drifter = await person({ ...food, status: 'full', home: null, job: '设备工程师', name: '韩立军' });
  await person({ ...food, status: 'full', home: null, job: '施工员', worker: true, name: '龚晓峰' });
  await person({ ...food, status: 'probationary', home: null, job: '仓储主管', name: '覃雨桐' });
  // one came from 铁山镇党委 (the close plan proposes going back there)
  await tx.insert(personEvents).values({
    personId: drifter,
    kind: 'relation_moved',
    on: '2026-03-25',
    text: {
      zh: '组织关系由「铁山镇党委」转入「先锋食品产业园项目临时党支部」',
      en: 'Relation moved from 铁山镇党委 to the food park temporary branch',
    },
    data: { fromOrgUnitId: unit('ts_party'), toOrgUnitId: unit('food_branch') },
    at: refs.now,
  });
  // two members of the contractor take part in the branch (双向管理) while their relation stays at home
  for (const home of ['xingfu', 'donghu'] as const) {
    const pid = await person({
      status: 'full',
      relation: `${home}_party`,
      employer: 'huajian',
      project: 'XM-2026-001',
      home,
      worker: true,
    });
    await tx
      .insert(personParticipations)
      .values({ personId: pid, orgUnitId: unit('food_branch'), role: 'participant', since: '2026-04-01' });
    if (home === 'donghu') {
      // he works on site for the whole build: his home branch issued the letter, the branch secretary receives it
      const issuedOn = addDays(today, -6);
      await tx.insert(relationTransfers).values({
        personId: pid,
        fromOrgUnitId: unit('donghu_party'),
        toOrgUnitId: unit('food_branch'),
        letterNo: '东湖社党转〔2026〕4号',
        issuedOn,
        validUntil: addDays(issuedOn, 90),
        issuedBy: refs.user('zzb'),
        createdAt: refs.now,
      });
      await tx.insert(personEvents).values({
        personId: pid,
        kind: 'transfer_issued',
        on: issuedOn,
        text: {
          zh: '开具组织关系介绍信，转往「先锋食品产业园项目临时党支部」',
          en: 'Transfer letter issued to the food park temporary branch',
        },
        at: refs.now,
      });
    }
  }
  await tx.insert(orgOfficers).values({
    orgUnitId: unit('food_branch'),
    personId: zhaoMin,
    role: 'secretary',
    appointed: true,
    since: '2026-03-20',
  });

  // 铁山煤焦化有限公司党支部: 8 formal members (a committee is due at 7), term ends 2026-12-10
  const coke: number[] = [];
  for (let i = 0; i < 8; i++)
    coke.push(
      await person({
        status: 'full',
        relation: 'coke_branch',
        employer: 'coke',
        home: i < 7 ? 'tieshancun' : null,
        job: i === 0 ? '党支部书记' : '化工操作工',
        worker: i > 0,
      }),
    );
  await person({ status: 'probationary', relation: 'coke_branch', employer: 'coke', home: 'tieshancun' });
  await tx.insert(orgOfficers).values({
    orgUnitId: unit('coke_branch'),
    personId: coke[0]!,
    role: 'secretary',
    appointed: false,
    since: '2023-12-10',
  });

  // the sixteen small 东临 projects: 0–2 formal members each (none can set up its own branch)
  const formal = [1, 1, 1, 0, 2, 1, 0, 1, 1, 1, 2, 2, 2, 1, 0, 1];
  for (const [i, count] of formal.entries()) {
    const no = 101 + i;
    for (let k = 0; k < count; k++) {
      const home = (i + k) % 5 === 4 ? null : 'donglincun';
      await person({
        status: 'full',
        relation: home ? 'donglincun_party' : 'dl_party',
        employer: `dl_firm_${no}`,
        project: `XM-2026-${no}`,
        home,
        worker: k === 1,
      });
    }
    if (i % 4 === 0)
      await person({
        status: 'probationary',
        relation: 'donglincun_party',
        employer: `dl_firm_${no}`,
        project: `XM-2026-${no}`,
        home: 'donglincun',
      });
    if (i % 5 === 0)
      await person({
        status: 'masses',
        relation: null,
        employer: `dl_firm_${no}`,
        project: `XM-2026-${no}`,
        home: 'donglincun',
        worker: true,
      });
  }
  // a couple of members in the other firms of 东临 (counted at the firm)
  await person({ status: 'full', relation: 'dl_party', employer: 'material', home: 'donglincun' });
  await person({ status: 'full', relation: 'dl_party', employer: 'electronics', home: 'donglincun' });

  // community members (no employer)
  for (const home of ['xingfu', 'donghu', 'tieshancun', 'donglincun'] as const)
    for (let i = 0; i < 3; i++)
      await person({ status: 'full', relation: `${home}_party`, employer: null, home, job: '居民' });

  // 三同步: two recently registered projects still without a branch (one overdue), the food park's done
  await tx.insert(orgSetupTasks).values([
    { projectId: refs.project('XM-2026-002'), dueOn: addDays(today, 12), managerName: '李海', createdAt: refs.now },
    { projectId: refs.project('XM-2026-007'), dueOn: addDays(today, -3), managerName: '吴斌', createdAt: refs.now },
    {
      projectId: refs.project('XM-2026-001'),
      dueOn: '2026-03-27',
      status: 'done',
      doneOn: '2026-03-20',
      managerName: '陈建国',
      secretaryPersonId: zhaoMin,
      orgUnitId: unit('food_branch'),
      createdAt: refs.now,
    },
  ]);
};
