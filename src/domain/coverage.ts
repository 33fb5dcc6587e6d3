/**
 * The coverage engine (组织覆盖): classifies every project and firm by how its formal members are
 * organised, and proposes joint branches (联合党支部) for the small uncovered units by the rule
 * "地域相邻、行业相近、规模适当、便于管理". Pure and deterministic: the same units give the same
 * proposals in the same order, with no randomness and no clock.
 *
 * A unit is a project (from 开工 until 竣工) or a firm. A firm that owns exactly one such project is
 * folded into that project (same site, same people), so no member is counted twice; the server
 * assigns every formal member to exactly one unit before calling this.
 */

export type UnitKind = 'project' | 'firm';

export interface CoverageUnit {
  /** stable key: "p:12" or "f:34" */
  key: string;
  kind: UnitKind;
  id: number;
  name: string;
  /** the township (乡镇/街道) the unit lies in */
  areaId: number;
  lng: number | null;
  lat: number | null;
  industry: string | null;
  /** formal members whose relation is in an org covering the unit */
  byRelation: number;
  /** formal members working there whose relation is elsewhere (they take part: 双向管理) */
  byParticipation: number;
  /** the party org covering the unit, if any */
  coveredBy: { orgId: number; orgName: string; joint: boolean } | null;
  /** a commissioner / 党建指导员 is assigned (工作覆盖 without an org) */
  hasInstructor: boolean;
}

export type CoverageClass = 'own_branch' | 'joint_branch' | 'needs_own' | 'needs_joint';

/** "应建必建、能单建则单建": a unit with at least 3 formal members sets up its own branch. */
export const OWN_BRANCH_MIN = 3;

export interface ProposalRules {
  /** every two units of a proposal at most this far apart (km, haversine) */
  maxKm: number;
  maxUnits: number;
  /** a branch needs 3 formal members */
  minMembers: number;
  /** above 50 a 党总支 is considered: a joint branch stays below */
  maxMembers: number;
}

export const DEFAULT_RULES: ProposalRules = { maxKm: 3, maxUnits: 5, minMembers: 3, maxMembers: 50 };

export const formalMembers = (u: Pick<CoverageUnit, 'byRelation' | 'byParticipation'>): number =>
  u.byRelation + u.byParticipation;

export function classify(u: CoverageUnit): CoverageClass {
  if (u.coveredBy) return u.coveredBy.joint ? 'joint_branch' : 'own_branch';
  return formalMembers(u) >= OWN_BRANCH_MIN ? 'needs_own' : 'needs_joint';
}

const R_EARTH_KM = 6371.0088;

export function haversineKm(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R_EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const located = (u: CoverageUnit): u is CoverageUnit & { lng: number; lat: number } => u.lng !== null && u.lat !== null;

export interface Reason {
  zh: string;
  en: string;
}

export interface Proposal {
  /** sorted unit keys joined by ",": the same group always has the same key */
  groupKey: string;
  areaId: number;
  units: CoverageUnit[];
  formalMembers: number;
  /** the largest distance between two of its units (km) */
  spanKm: number;
  industries: string[];
  reasons: Reason[];
}

export interface GroupProblem {
  code:
    | 'too_many_units'
    | 'too_few_members'
    | 'too_many_members'
    | 'too_far'
    | 'own_branch_unit'
    | 'covered_unit'
    | 'mixed_area'
    | 'no_location'
    | 'too_few_units';
  zh: string;
  en: string;
}

const km = (x: number) => Math.round(x * 100) / 100;

function span(units: Array<CoverageUnit & { lng: number; lat: number }>): number {
  let max = 0;
  for (let i = 0; i < units.length; i++)
    for (let j = i + 1; j < units.length; j++) max = Math.max(max, haversineKm(units[i]!, units[j]!));
  return max;
}

/** Checks a group against every constraint (used for computed proposals and for a person's edit). */
export function checkGroup(units: CoverageUnit[], rules: ProposalRules = DEFAULT_RULES): GroupProblem[] {
  const out: GroupProblem[] = [];
  if (units.length < 2)
    out.push({
      code: 'too_few_units',
      zh: '联合党支部至少覆盖 2 个单位',
      en: 'A joint branch covers at least 2 units',
    });
  if (units.length > rules.maxUnits)
    out.push({
      code: 'too_many_units',
      zh: `单位数 ${units.length} 超过 ${rules.maxUnits} 个`,
      en: `${units.length} units, more than ${rules.maxUnits}`,
    });
  for (const u of units) {
    if (u.coveredBy)
      out.push({
        code: 'covered_unit',
        zh: `${u.name} 已由 ${u.coveredBy.orgName} 覆盖`,
        en: `${u.name} is already covered by ${u.coveredBy.orgName}`,
      });
    else if (formalMembers(u) >= OWN_BRANCH_MIN)
      out.push({
        code: 'own_branch_unit',
        zh: `${u.name} 有正式党员 ${formalMembers(u)} 名，应单独建立党支部`,
        en: `${u.name} has ${formalMembers(u)} formal members and sets up its own branch`,
      });
    if (!located(u)) out.push({ code: 'no_location', zh: `${u.name} 没有坐标`, en: `${u.name} has no coordinates` });
  }
  if (new Set(units.map((u) => u.areaId)).size > 1)
    out.push({ code: 'mixed_area', zh: '单位不在同一乡镇（街道）', en: 'Units lie in different townships' });
  const n = units.reduce((s, u) => s + formalMembers(u), 0);
  if (n < rules.minMembers)
    out.push({
      code: 'too_few_members',
      zh: `正式党员合计 ${n} 名，不足 ${rules.minMembers} 名`,
      en: `${n} formal members in all, fewer than ${rules.minMembers}`,
    });
  if (n > rules.maxMembers)
    out.push({
      code: 'too_many_members',
      zh: `正式党员合计 ${n} 名，超过 ${rules.maxMembers} 名`,
      en: `${n} formal members in all, more than ${rules.maxMembers}`,
    });
  const loc = units.filter(located);
  if (loc.length === units.length) {
    const s = span(loc);
    if (s > rules.maxKm)
      out.push({
        code: 'too_far',
        zh: `单位间最远相距 ${km(s)} 公里，超过 ${rules.maxKm} 公里`,
        en: `Units up to ${km(s)} km apart, more than ${rules.maxKm} km`,
      });
  }
  return out;
}

function describe(
  units: Array<CoverageUnit & { lng: number; lat: number }>,
  rules: ProposalRules,
): { spanKm: number; industries: string[]; reasons: Reason[]; members: number } {
  const s = span(units);
  const industries = [...new Set(units.map((u) => u.industry ?? '未分类'))].sort();
  const members = units.reduce((a, u) => a + formalMembers(u), 0);
  const counts = units.map((u) => `${u.name} ${formalMembers(u)} 名`).join('、');
  const countsEn = units.map((u) => `${u.name} ${formalMembers(u)}`).join(', ');
  const reasons: Reason[] = [
    {
      zh: `地域相邻：同一乡镇，单位间最远 ${km(s)} 公里（上限 ${rules.maxKm} 公里）`,
      en: `Neighbours: same township, at most ${km(s)} km apart (limit ${rules.maxKm} km)`,
    },
    industries.length === 1
      ? { zh: `行业相近：均为${industries[0]}`, en: `Kindred industry: all ${industries[0]}` }
      : {
          zh: `行业：${industries.join('、')}（同行业单位不足，就近组合）`,
          en: `Industries: ${industries.join(', ')} (too few of one industry nearby; grouped by distance)`,
        },
    {
      zh: `规模适当：${units.length} 个单位（不超过 ${rules.maxUnits} 个），正式党员合计 ${members} 名（${counts}），达到成立支部所需 ${rules.minMembers} 名`,
      en: `Right size: ${units.length} units (max ${rules.maxUnits}), ${members} formal members (${countsEn}), at least the ${rules.minMembers} a branch needs`,
    },
    {
      zh: `每个单位正式党员均不足 ${OWN_BRANCH_MIN} 名，无法单独建立党支部`,
      en: `Each unit has fewer than ${OWN_BRANCH_MIN} formal members and cannot set up its own branch`,
    },
  ];
  return { spanKm: km(s), industries, reasons, members };
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Greedy, deterministic grouping per township. Seeds are taken by most members first (then key); a
 * seed gathers unassigned neighbours within maxKm of every member already in the group, preferring
 * the same industry, then the shortest distance, then the key, until maxUnits; a group is kept only
 * when it reaches minMembers, else its seed is left for the 党建指导员 (work coverage) and its
 * neighbours stay available for other seeds. Units with ≥ 3 formal members never enter a group.
 */
export function proposeJointBranches(
  all: CoverageUnit[],
  rules: ProposalRules = DEFAULT_RULES,
): { proposals: Proposal[]; leftOver: CoverageUnit[] } {
  const candidates = all.filter((u) => classify(u) === 'needs_joint');
  const byArea = new Map<number, Array<CoverageUnit & { lng: number; lat: number }>>();
  const leftOver: CoverageUnit[] = [];
  for (const u of candidates) {
    if (!located(u)) {
      leftOver.push(u);
      continue;
    }
    const list = byArea.get(u.areaId) ?? [];
    list.push(u);
    byArea.set(u.areaId, list);
  }
  const proposals: Proposal[] = [];
  for (const areaId of [...byArea.keys()].sort((a, b) => a - b)) {
    const units = byArea.get(areaId)!.sort(byKey);
    // a grid of cells maxKm wide keeps neighbour search local for 10,000 units
    const cellDeg = rules.maxKm / 111;
    const cellOf = (u: { lng: number; lat: number }) =>
      [Math.floor(u.lng / cellDeg), Math.floor(u.lat / cellDeg)] as const;
    const grid = new Map<string, typeof units>();
    for (const u of units) {
      const [x, y] = cellOf(u);
      const k = `${x}:${y}`;
      const cell = grid.get(k) ?? [];
      cell.push(u);
      grid.set(k, cell);
    }
    const near = (u: { lng: number; lat: number }) => {
      const [x, y] = cellOf(u);
      const out: typeof units = [];
      // longitude degrees are shorter than latitude degrees away from the equator: widen the x range
      const wx = Math.max(1, Math.ceil(1 / Math.max(0.2, Math.cos((u.lat * Math.PI) / 180))));
      for (let dx = -wx; dx <= wx; dx++)
        for (let dy = -1; dy <= 1; dy++) out.push(...(grid.get(`${x + dx}:${y + dy}`) ?? []));
      return out;
    };
    const taken = new Set<string>();
    const seeds = [...units].sort((a, b) => formalMembers(b) - formalMembers(a) || byKey(a, b));
    for (const seed of seeds) {
      if (taken.has(seed.key)) continue;
      const group = [seed];
      let members = formalMembers(seed);
      const pool = near(seed)
        .filter((c) => c.key !== seed.key && !taken.has(c.key))
        .map((c) => ({ c, d: haversineKm(seed, c), same: c.industry !== null && c.industry === seed.industry }))
        .filter((x) => x.d <= rules.maxKm)
        .sort((a, b) => Number(b.same) - Number(a.same) || a.d - b.d || byKey(a.c, b.c));
      // same-industry neighbours first (all of them, up to maxUnits); other industries only while short of members
      for (const { c, same } of pool) {
        if (group.length >= rules.maxUnits) break;
        if (!same && members >= rules.minMembers) break;
        if (members + formalMembers(c) > rules.maxMembers) continue;
        if (group.some((g) => haversineKm(g, c) > rules.maxKm)) continue;
        group.push(c);
        members += formalMembers(c);
      }
      if (members < rules.minMembers || group.length < 2) {
        continue; // not taken: the neighbours stay available; the seed may still join a later group
      }
      for (const g of group) taken.add(g.key);
      const sorted = [...group].sort(byKey);
      const d = describe(sorted, rules);
      proposals.push({
        groupKey: sorted.map((u) => u.key).join(','),
        areaId,
        units: sorted,
        formalMembers: d.members,
        spanKm: d.spanKm,
        industries: d.industries,
        reasons: d.reasons,
      });
    }
    for (const u of units) if (!taken.has(u.key)) leftOver.push(u);
  }
  return { proposals, leftOver: leftOver.sort(byKey) };
}

export interface Rates {
  units: number;
  orgCovered: number;
  workCovered: number;
  /** 组织覆盖率 = units covered by a party org (own or joint branch) / all units */
  orgRate: number;
  /** 工作覆盖率 = units covered by a party org or with a 党建指导员 (project commissioner) / all units */
  workRate: number;
}

export const RATE_FORMULAS = {
  orgRate: {
    zh: '组织覆盖率 = 已由党组织覆盖的单位数（单独建支部或联合党支部）÷ 在建项目与企业总数',
    en: 'Organisation coverage = units covered by a party org (own or joint branch) ÷ all started projects and firms',
  },
  workRate: {
    zh: '工作覆盖率 = 已由党组织覆盖或已选派党建指导员（项目专员）的单位数 ÷ 在建项目与企业总数',
    en: 'Work coverage = units covered by a party org or with a party-building instructor (project commissioner) ÷ all units',
  },
};

export function rates(units: CoverageUnit[]): Rates {
  const org = units.filter((u) => u.coveredBy).length;
  const work = units.filter((u) => u.coveredBy || u.hasInstructor).length;
  return ratesOf(units.length, org, work);
}

/** The rates from counts: n units, org of them covered by a party org, work covered by an org or an instructor. */
export function ratesOf(n: number, org: number, work: number): Rates {
  const r = (x: number) => (n ? Math.round((x / n) * 1000) / 10 : 0);
  return { units: n, orgCovered: org, workCovered: work, orgRate: r(org), workRate: r(work) };
}
