import { describe, expect, it } from 'vitest';
import {
  checkCompletion,
  completes,
  isReached,
  openNodesUpTo,
  passedByStage,
  type CompletionNode,
} from './project-completion.js';
import type { ProjectStage } from '../shared/project-stages.js';

const node = (seq: number, stage: string | null, actualDate: string | null = null, name = `节点${seq}`) => ({
  name,
  seq,
  stage,
  actualDate,
});
const standard = (dated: string[]): CompletionNode[] =>
  ['signed', 'land', 'started', 'topped_out', 'completed', 'operating'].map((s, i) =>
    node((i + 1) * 10, s, dated.includes(s) ? '2026-05-01' : null, s),
  );

describe('project completion', () => {
  it('a node is reached only with a date', () => {
    expect(isReached({ actualDate: null })).toBe(false);
    expect(isReached({ actualDate: '2026-05-01' })).toBe(true);
  });

  it.each<[ProjectStage, ProjectStage, boolean]>([
    ['topped_out', 'completed', true],
    ['started', 'operating', true],
    ['completed', 'operating', false],
    ['signed', 'topped_out', false],
    ['operating', 'completed', false],
  ])('%s → %s completes: %s', (from, to, want) => expect(completes(from, to)).toBe(want));

  it.each<[string, string[], ProjectStage, string | undefined, boolean, string[]]>([
    [
      'every node up to 竣工 dated',
      ['signed', 'land', 'started', 'topped_out', 'completed'],
      'completed',
      undefined,
      true,
      [],
    ],
    [
      '投产 need not be reached to complete',
      ['signed', 'land', 'started', 'topped_out', 'completed'],
      'completed',
      undefined,
      true,
      [],
    ],
    [
      'two nodes open, no reason',
      ['signed', 'land', 'started'],
      'completed',
      undefined,
      false,
      ['topped_out', 'completed'],
    ],
    ['blank reason is no reason', ['signed', 'land', 'started'], 'completed', '  ', false, ['topped_out', 'completed']],
    [
      'two nodes open, with a reason',
      ['signed', 'land', 'started'],
      'completed',
      '项目调整',
      true,
      ['topped_out', 'completed'],
    ],
    [
      'straight to 投产 needs 投产 too',
      ['signed', 'land', 'started', 'topped_out', 'completed'],
      'operating',
      undefined,
      false,
      ['operating'],
    ],
  ])('%s', (_why, dated, to, reason, ok, open) => {
    const r = checkCompletion({ from: 'started', to, nodes: standard(dated), reason });
    expect(r.ok).toBe(ok);
    expect(r.open.map((n) => n.name)).toEqual(open);
  });

  it('a milestone before the 竣工 node counts, one after it does not', () => {
    const nodes = [
      ...standard(['signed', 'land', 'started', 'topped_out', 'completed']),
      node(45, null),
      node(55, null),
    ];
    expect(openNodesUpTo(nodes, 'completed').map((n) => n.seq)).toEqual([45]);
  });

  it('other stage moves are not judged', () => {
    expect(checkCompletion({ from: 'signed', to: 'topped_out', nodes: standard([]) })).toMatchObject({ ok: true });
  });
});

describe('a node passed by stage', () => {
  it.each([
    // node stage, actual date, project stage, passed
    ['signed', null, 'started', true],
    ['started', null, 'started', true],
    ['completed', null, 'started', false],
    ['signed', '2026-01-05', 'started', false],
    [null, null, 'operating', false],
  ] as const)('node %s (%s) of a project at %s: %s', (stage, actualDate, at, passed) => {
    expect(passedByStage({ stage, actualDate }, at as ProjectStage)).toBe(passed);
  });
});
