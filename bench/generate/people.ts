import { sql } from 'drizzle-orm';
import { orgUnits } from '../../src/server/db/schema/index.js';
import { inArray } from 'drizzle-orm';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { addDays } from '../../src/domain/dates.js';
import { maskIdNumber, maskPhone } from '../../src/shared/mask.js';
import { pinyinKey } from '../../src/shared/pinyin.js';
import { unnestInsert } from './unnest.js';
import type { Generator } from './types.js';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁龙林欣佳琳雪梅晨辉鹏飞鑫波斌文博';
const STATUSES: Array<[string, number]> = [
  ['full', 0.6],
  ['probationary', 0.05],
  ['candidate', 0.05],
  ['activist', 0.1],
  ['applicant', 0.05],
  ['masses', 0.15],
];
const COLUMNS: Array<[string, string]> = [
  ['name', 'text'],
  ['pinyin', 'text'],
  ['gender', 'text'],
  ['birth_date', 'date'],
  ['id_enc', 'text'],
  ['id_hash', 'text'],
  ['id_masked', 'text'],
  ['phone_enc', 'text'],
  ['phone_hash', 'text'],
  ['phone_masked', 'text'],
  ['political_status', 'text'],
  ['relation_org_unit_id', 'int'],
  ['org_path', 'text'],
  ['employer_name', 'text'],
  ['is_worker', 'bool'],
  ['is_talent', 'bool'],
  ['is_expert', 'bool'],
  ['flow', 'text'],
  ['flow_since', 'date'],
];

/** The i-th generated ID number: unique by construction (birth day and sequence from i), valid checksum. */
export function generatedIdNumber(i: number): string {
  const born = addDays('1950-01-01', i % 18_000);
  return makeIdNumber(String(410100 + Math.floor(i / 18_000_000)), born, Math.floor(i / 18_000) % 1000);
}

/**
 * People (scale.people, or BENCH_PEOPLE) spread over the generated party committees: names with
 * pinyin keys, encrypted ID numbers and phones with blind indexes and masks, statuses and flags.
 * Bulk-loaded with unnest in batches; VACUUM ANALYZE at the end, as autovacuum would leave it.
 */
export const generatePeople: Generator = async (g) => {
  const { ctx, rng, scale, refs } = g;
  const total = Number(process.env.BENCH_PEOPLE ?? scale.people);
  if (!refs.branchIds.length || total <= 0) return;
  const orgs = await ctx.db
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(orgUnits)
    .where(inArray(orgUnits.id, refs.branchIds));
  const pinyinCache = new Map<string, string>();
  const started = Date.now();
  const batchSize = 5000;
  for (let start = 0; start < total; start += batchSize) {
    const rows: Array<Array<string | number | boolean | null>> = [];
    for (let i = start; i < Math.min(total, start + batchSize); i++) {
      const name =
        SURNAMES[rng.int(0, SURNAMES.length - 1)]! +
        GIVEN[rng.int(0, GIVEN.length - 1)]! +
        (rng.chance(0.6) ? GIVEN[rng.int(0, GIVEN.length - 1)]! : '');
      let key = pinyinCache.get(name);
      if (key === undefined) pinyinCache.set(name, (key = pinyinKey(name)));
      const id = generatedIdNumber(i);
      const phone = `13${String(100_000_000 + i).slice(-9)}`;
      let r = rng.next();
      const status = STATUSES.find(([, p]) => (r -= p) < 0)?.[0] ?? 'full';
      const org = orgs[i % orgs.length]!;
      const out = rng.chance(0.03);
      rows.push([
        name,
        key,
        Number(id[16]) % 2 ? 'male' : 'female',
        `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        ctx.cipher.encrypt(id),
        ctx.cipher.blindIndex(id),
        maskIdNumber(id),
        ctx.cipher.encrypt(phone),
        ctx.cipher.blindIndex(phone),
        maskPhone(phone),
        status,
        org.id,
        org.path,
        `生成企业${rng.int(1, scale.firms)}有限公司`,
        rng.chance(0.4),
        rng.chance(0.05),
        rng.chance(0.02),
        out ? 'out' : 'none',
        out ? addDays('2026-01-01', rng.int(0, 300)) : null,
      ]);
    }
    await unnestInsert(ctx.db, 'people', COLUMNS, rows);
    if ((start / batchSize) % 20 === 0)
      g.log(`  people: ${start + rows.length} / ${total} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  // the steady state autovacuum keeps: statistics and a visibility map (index-only counts)
  await ctx.db.execute(sql`vacuum analyze people`);
  g.log(`people: ${total} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
};
