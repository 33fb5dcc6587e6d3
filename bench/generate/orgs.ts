import { sql } from 'drizzle-orm';
import { orgUnits, userRoles, users } from '../../src/server/db/schema/index.js';
import { insertUnit } from '../../src/server/modules/orgs/org.repository.js';
import { hashPassword } from '../../src/server/crypto/password.js';
import { pinyinKey } from '../../src/shared/pinyin.js';
import type { RoleCode } from '../../src/shared/roles.js';
import { inBatches } from './batch.js';
import type { Generator } from './types.js';

const INDUSTRIES = [
  '食品加工',
  '新材料',
  '电子信息',
  '装备制造',
  '氢能',
  '煤焦化工',
  '物流',
  '建筑施工',
  '生物医药',
  '纺织服装',
];
const DEPARTMENTS = [
  '自然资源局',
  '住房和城乡建设局',
  '发展和改革局',
  '税务局',
  '市场监督管理局',
  '应急管理局',
  '人力资源和社会保障局',
  '行政审批服务局',
];

/** A generated region: townships, departments, firms, a party branch per township, one account per business role. */
export const generateOrgs: Generator = async (g) => {
  const { ctx, rng, scale, refs } = g;
  const region = await insertUnit(ctx.db, {
    parentId: null,
    kind: 'region',
    name: `生成区域${g.scaleName}${rng.int(1000, 9999)}`,
    pinyin: 'sc',
  });
  refs.regionId = region.id;
  refs.regionPath = region.path;
  for (let i = 0; i < scale.townships; i++) {
    const t = await insertUnit(ctx.db, {
      parentId: region.id,
      kind: 'township',
      name: `第${i + 1}镇`,
      lng: 113 + rng.next(),
      lat: 34 + rng.next(),
    });
    refs.townshipIds.push(t.id);
    const b = await insertUnit(ctx.db, { parentId: t.id, kind: 'party_committee', name: `第${i + 1}镇党委` });
    refs.branchIds.push(b.id);
  }
  for (const d of DEPARTMENTS)
    refs.departmentIds.push((await insertUnit(ctx.db, { parentId: region.id, kind: 'department', name: d })).id);
  const firms = Array.from({ length: scale.firms }, (_, i) => {
    const township = rng.pick(refs.townshipIds);
    return {
      township,
      name: `生成企业${i + 1}有限公司`,
      industry: rng.pick(INDUSTRIES),
      lng: 113 + rng.next(),
      lat: 34 + rng.next(),
    };
  });
  const parentPath = new Map<number, string>();
  for (const id of refs.townshipIds) parentPath.set(id, `${region.path}${id}/`);
  await inBatches(firms, 2000, async (batch) => {
    const rows = await ctx.db
      .insert(orgUnits)
      .values(
        batch.map((f) => ({
          parentId: f.township,
          path: 'pending',
          depth: 2,
          kind: 'firm',
          name: f.name,
          industry: f.industry,
          lng: f.lng,
          lat: f.lat,
          pinyin: '',
        })),
      )
      .returning({ id: orgUnits.id, parentId: orgUnits.parentId });
    for (const r of rows) refs.firmIds.push(r.id);
  });
  await ctx.db.execute(
    sql`update org_units set path = p.path || org_units.id || '/' from org_units p where org_units.path = 'pending' and p.id = org_units.parent_id`,
  );
  const hash = await hashPassword('Xianfeng@2026');
  const accounts: Array<[string, RoleCode, number]> = [
    ['gen_zzb', 'org_dept', region.id],
    ['gen_lingdao', 'leader', region.id],
    ['gen_zhuanyuan', 'commissioner', refs.townshipIds[0] as number],
    ['gen_bumen', 'dept_handler', refs.departmentIds[0] as number],
    ['gen_qiye', 'firm_contact', refs.firmIds[0] as number],
  ];
  for (const [username, role, unit] of accounts) {
    const name = `${username}${rng.int(100, 999)}`;
    const [u] = await ctx.db
      .insert(users)
      .values({ username: name, displayName: name, pinyin: pinyinKey(name), passwordHash: hash, scopeUnitId: unit })
      .returning({ id: users.id });
    await ctx.db.insert(userRoles).values({ userId: u?.id as number, roleCode: role });
    refs.userIds[username] = u?.id as number;
  }
  g.log(`orgs: ${scale.townships} townships, ${DEPARTMENTS.length} departments, ${scale.firms} firms`);
};
