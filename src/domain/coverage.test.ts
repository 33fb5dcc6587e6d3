import { describe, expect, it } from 'vitest';
import {
  checkGroup,
  classify,
  DEFAULT_RULES,
  formalMembers,
  haversineKm,
  proposeJointBranches,
  rates,
  type CoverageUnit,
} from './coverage.js';

let seq = 0;
const unit = (o: Partial<CoverageUnit> = {}): CoverageUnit => {
  const id = o.id ?? ++seq;
  return {
    key: `p:${String(id).padStart(4, '0')}`,
    kind: 'project',
    id,
    name: `项目${id}`,
    areaId: 1,
    lng: 113.55,
    lat: 34.7,
    industry: '新材料',
    byRelation: 0,
    byParticipation: 1,
    coveredBy: null,
    hasInstructor: false,
    ...o,
  };
};
/** ~0.0091° of longitude at 34.7° N is 0.83 km; 0.009° of latitude is 1 km */
const at = (kmEast: number, kmNorth: number) => ({
  lng: 113.55 + kmEast / (111.32 * Math.cos((34.7 * Math.PI) / 180)),
  lat: 34.7 + kmNorth / 110.574,
});

function assertConstraints(all: CoverageUnit[], proposals: ReturnType<typeof proposeJointBranches>['proposals']) {
  const seen = new Set<string>();
  for (const p of proposals) {
    expect(checkGroup(p.units)).toEqual([]);
    expect(p.units.length).toBeLessThanOrEqual(DEFAULT_RULES.maxUnits);
    expect(p.formalMembers).toBeGreaterThanOrEqual(DEFAULT_RULES.minMembers);
    expect(p.formalMembers).toBe(p.units.reduce((s, u) => s + formalMembers(u), 0));
    for (const u of p.units) {
      expect(formalMembers(u)).toBeLessThan(3);
      expect(u.coveredBy).toBeNull();
      expect(seen.has(u.key)).toBe(false);
      seen.add(u.key);
      expect(all.some((a) => a.key === u.key)).toBe(true);
    }
    expect(p.reasons.length).toBeGreaterThanOrEqual(3);
  }
}

describe('classification', () => {
  it.each([
    [{ byRelation: 0, byParticipation: 0 }, 'needs_joint'],
    [{ byRelation: 1, byParticipation: 1 }, 'needs_joint'],
    [{ byRelation: 2, byParticipation: 1 }, 'needs_own'],
    [{ byRelation: 0, byParticipation: 3 }, 'needs_own'],
    [{ byParticipation: 5, coveredBy: { orgId: 9, orgName: '甲支部', joint: false } }, 'own_branch'],
    [{ byParticipation: 1, coveredBy: { orgId: 9, orgName: '联合支部', joint: true } }, 'joint_branch'],
  ] as Array<[Partial<CoverageUnit>, string]>)('%o → %s', (o, c) => expect(classify(unit(o))).toBe(c));
});

describe('haversine', () => {
  it('measures a degree of latitude as about 111 km and a point as 0', () => {
    expect(haversineKm({ lng: 113, lat: 34 }, { lng: 113, lat: 35 })).toBeCloseTo(111.2, 0);
    expect(haversineKm({ lng: 113, lat: 34 }, { lng: 113, lat: 34 })).toBe(0);
    expect(haversineKm(at(0, 0), at(3, 4))).toBeCloseTo(5, 1);
  });
});

describe('joint-branch proposals', () => {
  it('groups neighbours of one industry, never a unit with ≥ 3 members, with reasons', () => {
    const us = [
      unit({ id: 1, ...at(0, 0), byParticipation: 1 }),
      unit({ id: 2, ...at(0.5, 0), byParticipation: 1 }),
      unit({ id: 3, ...at(0, 0.5), byRelation: 1 }),
      unit({ id: 4, ...at(0.3, 0.3), byParticipation: 3 }), // has its own branch to set up
      unit({ id: 5, ...at(20, 20), byParticipation: 2 }), // far away: no partner
    ];
    const { proposals, leftOver } = proposeJointBranches(us);
    expect(proposals.map((p) => p.groupKey)).toEqual(['p:0001,p:0002,p:0003']);
    expect(leftOver.map((u) => u.key)).toEqual(['p:0005']);
    assertConstraints(us, proposals);
    expect(proposals[0]!.reasons[1]!.zh).toBe('行业相近：均为新材料');
  });

  it('prefers the same industry, adds another only while short of members', () => {
    const us = [
      unit({ id: 11, ...at(0, 0), industry: '电子信息', byParticipation: 1 }),
      unit({ id: 12, ...at(0.2, 0), industry: '食品加工', byParticipation: 2 }), // nearest, other industry
      unit({ id: 13, ...at(1.5, 0), industry: '电子信息', byParticipation: 1 }),
      unit({ id: 14, ...at(2, 0), industry: '电子信息', byParticipation: 1 }),
    ];
    const { proposals } = proposeJointBranches(us);
    // the seed with most members (12, 食品) comes first and gathers by distance once no kin is near
    assertConstraints(us, proposals);
    const all = proposals.flatMap((p) => p.units.map((u) => u.key));
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps every two units within 3 km and at most 5 units', () => {
    const us = Array.from({ length: 12 }, (_, i) =>
      unit({ id: 100 + i, ...at((i % 4) * 0.9, Math.floor(i / 4) * 0.9), byParticipation: i % 3 }),
    );
    const { proposals } = proposeJointBranches(us);
    expect(proposals.length).toBeGreaterThan(0);
    assertConstraints(us, proposals);
  });

  it('never mixes townships and leaves units without coordinates out', () => {
    const us = [
      unit({ id: 21, areaId: 1, byParticipation: 2 }),
      unit({ id: 22, areaId: 2, byParticipation: 2 }),
      unit({ id: 23, areaId: 1, lng: null, lat: null, byParticipation: 2 }),
    ];
    const { proposals, leftOver } = proposeJointBranches(us);
    expect(proposals).toEqual([]);
    expect(leftOver.map((u) => u.id)).toEqual([21, 22, 23]);
  });

  it('is deterministic whatever the input order', () => {
    const us = Array.from({ length: 40 }, (_, i) =>
      unit({
        id: 200 + i,
        ...at(((i * 7) % 10) * 0.7, ((i * 3) % 8) * 0.6),
        industry: i % 3 ? '新材料' : '电子信息',
        byParticipation: (i * 5) % 3,
      }),
    );
    const a = proposeJointBranches(us).proposals.map((p) => p.groupKey);
    const b = proposeJointBranches([...us].reverse()).proposals.map((p) => p.groupKey);
    expect(b).toEqual(a);
    assertConstraints(us, proposeJointBranches(us).proposals);
  });

  it('checkGroup names each broken constraint', () => {
    const far = [
      unit({ id: 31, ...at(0, 0) }),
      unit({ id: 32, ...at(4, 0) }),
      unit({ id: 33, ...at(0, 1), byParticipation: 4 }),
    ];
    expect(
      checkGroup(far)
        .map((p) => p.code)
        .sort(),
    ).toEqual(['own_branch_unit', 'too_far']);
    const six = Array.from({ length: 6 }, (_, i) => unit({ id: 40 + i }));
    expect(checkGroup(six).map((p) => p.code)).toEqual(['too_many_units']);
    expect(checkGroup([unit({ id: 50 }), unit({ id: 51, byParticipation: 0 })]).map((p) => p.code)).toEqual([
      'too_few_members',
    ]);
  });
});

describe('rates', () => {
  it('org and work coverage with their formulas', () => {
    const us = [
      unit({ coveredBy: { orgId: 1, orgName: 'x', joint: true } }),
      unit({ hasInstructor: true }),
      unit(),
      unit(),
    ];
    expect(rates(us)).toEqual({ units: 4, orgCovered: 1, workCovered: 2, orgRate: 25, workRate: 50 });
    expect(rates([])).toEqual({ units: 0, orgCovered: 0, workCovered: 0, orgRate: 0, workRate: 0 });
  });
});
