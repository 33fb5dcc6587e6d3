import type { Permission } from '../../../shared/permissions.js';

/**
 * Which permission each problem endpoint needs. Finer rules — only the owner dispatches (首办负责制),
 * only the department a dispatch is addressed to signs it, only the raiser's side rates — live in the
 * step services and the domain rules.
 */
export const problemPolicy = {
  list: 'problems.read',
  read: 'problems.read',
  raise: 'problems.raise',
  accept: 'problems.triage',
  handOver: 'problems.triage',
  dispatch: 'problems.triage',
  feedback: 'problems.triage',
  close: 'problems.triage',
  sign: 'problems.handle',
  return: 'problems.handle',
  answer: 'problems.handle',
  rate: 'problems.rate',
  stats: 'problems.stats',
  config: 'problems.config',
} as const satisfies Record<string, Permission>;
