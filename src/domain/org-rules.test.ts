import { describe, expect, it } from 'vitest';
import { nextElection, orgWarnings, type OrgFacts } from './org-rules.js';

const facts = (o: Partial<OrgFacts> = {}): OrgFacts => ({
  kind: 'branch',
  formalMembers: 5,
  committeeSize: 0,
  coveredUnits: 1,
  nextElectionOn: null,
  ...o,
});
const codes = (o: Partial<OrgFacts>, today = '2026-11-23') => orgWarnings(facts(o), today).map((w) => w.code);

describe('org rule warnings', () => {
  it.each([
    // facts, expected codes, why
    [{ formalMembers: 6 }, [], 'six members: no committee needed'],
    [{ formalMembers: 7 }, ['needs_committee'], 'seven members and no committee'],
    [{ formalMembers: 7, committeeSize: 3 }, [], 'seven members with a committee of three'],
    [{ formalMembers: 50, committeeSize: 5 }, [], 'fifty is not more than fifty'],
    [{ formalMembers: 51, committeeSize: 5 }, ['consider_general_branch'], 'fifty-one: consider a 党总支'],
    [{ formalMembers: 100, committeeSize: 5 }, ['consider_general_branch'], 'a hundred: still a 党总支'],
    [{ formalMembers: 101, committeeSize: 5 }, ['consider_committee'], 'over a hundred: consider a 党委'],
    [{ kind: 'general_branch', formalMembers: 101 }, ['consider_committee'], 'a 党总支 over a hundred'],
    [{ kind: 'party_committee', formalMembers: 300 }, [], 'a 党委 is big enough'],
    [{ nextElectionOn: '2027-02-21' }, ['term_due'], '90 days ahead'],
    [{ nextElectionOn: '2027-02-22' }, [], '91 days ahead'],
    [{ nextElectionOn: '2026-11-23' }, ['term_due'], 'due today'],
    [{ nextElectionOn: '2026-11-22' }, ['term_overdue'], 'a day overdue'],
    [{ kind: 'joint_branch', coveredUnits: 5 }, [], 'five units is the normal maximum'],
    [{ kind: 'joint_branch', coveredUnits: 6 }, ['joint_too_wide'], 'six units'],
    [{ kind: 'temp_branch' }, ['temp_branch_limits'], 'a temporary branch carries its note'],
    [
      { kind: 'temp_branch', nextElectionOn: '2020-01-01' },
      ['temp_branch_limits'],
      'a temporary branch does not elect',
    ],
    [{ formalMembers: 9, status: 'closed' }, [], 'a closed org warns of nothing'],
  ] as Array<[Partial<OrgFacts>, string[], string]>)('%o → %o (%s)', (o, expected) => {
    expect(codes(o)).toEqual(expected);
  });

  it('explains itself with the rule and the numbers', () => {
    const [w] = orgWarnings(facts({ formalMembers: 8, committeeSize: 1 }), '2026-11-23');
    expect(w?.zh).toBe('正式党员 8 名（≥ 7 名），应设立支部委员会；现有委员 1 名');
    const [t] = orgWarnings(facts({ nextElectionOn: '2026-11-13' }), '2026-11-23');
    expect(t?.zh).toBe('应于 2026-11-13 换届，已逾期 10 天');
  });

  it.each([
    ['2023-06-01', 3, '2026-06-01'],
    ['2024-02-29', 3, '2027-02-28'],
    ['2021-07-01', 5, '2026-07-01'],
    [null, 3, null],
    ['2023-06-01', null, null],
  ] as Array<[string | null, number | null, string | null]>)(
    'next election from %s + %s years = %s',
    (start, years, expected) => {
      expect(nextElection(start, years)).toBe(expected);
    },
  );
});
