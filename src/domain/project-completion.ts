import { stageIndex, type ProjectStage } from '../shared/project-stages.js';

/** What the completion rule needs of a time node. */
export interface CompletionNode {
  name: string;
  seq: number;
  /** the stage this node reaches; null for another milestone */
  stage: string | null;
  actualDate: string | null;
}

/** A node is reached only with the date it was reached: never by the project's stage alone. */
export function isReached(n: Pick<CompletionNode, 'actualDate'>): boolean {
  return n.actualDate !== null;
}

/**
 * A node of a stage the project is already at or past, without a date, is passed by stage: it is not
 * judged late (a project registered mid-way, or completed with a reason); it stays open — a node is
 * never reached without a date (isReached).
 */
export function passedByStage(n: Pick<CompletionNode, 'stage' | 'actualDate'>, projectStage: ProjectStage): boolean {
  return Boolean(n.stage && !isReached(n) && stageIndex(n.stage as ProjectStage) <= stageIndex(projectStage));
}

/** Moving from `from` to `to` completes the project (竣工 or 投产 from a stage before 竣工). */
export function completes(from: ProjectStage, to: ProjectStage): boolean {
  return stageIndex(from) < stageIndex('completed') && stageIndex(to) >= stageIndex('completed');
}

/**
 * The nodes that must be reached before a project is at `to`: every stage node up to `to`, and every
 * other milestone placed before the node of `to`; those still without a date, in order.
 */
export function openNodesUpTo<N extends CompletionNode>(nodes: readonly N[], to: ProjectStage): N[] {
  const target = nodes.find((n) => n.stage === to);
  const required = (n: N) =>
    n.stage !== null
      ? stageIndex(n.stage as ProjectStage) <= stageIndex(to)
      : target === undefined || n.seq < target.seq;
  return nodes.filter((n) => required(n) && !isReached(n)).sort((a, b) => a.seq - b.seq);
}

export type CompletionCheck =
  { ok: true; open: CompletionNode[]; withReason: boolean } | { ok: false; open: CompletionNode[] };

/**
 * 竣工: allowed when every node up to it is reached with a date, or with an explicit reason (the
 * nodes left open stay open). Other stage moves are not judged here.
 */
export function checkCompletion(input: {
  from: ProjectStage;
  to: ProjectStage;
  nodes: readonly CompletionNode[];
  reason?: string | null | undefined;
}): CompletionCheck {
  if (!completes(input.from, input.to)) return { ok: true, open: [], withReason: false };
  const open = openNodesUpTo(input.nodes, input.to);
  if (open.length === 0) return { ok: true, open, withReason: false };
  if (input.reason && input.reason.trim()) return { ok: true, open, withReason: true };
  return { ok: false, open };
}
