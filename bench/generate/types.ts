import type { AppContext } from '../../src/server/context.js';
import type { Rng } from './rng.js';

/**
 * Scales for generated data. district ≈ one development zone (about 2,000 projects);
 * province ≈ a province's worth (about 100,000 projects); modules size their own rows from these.
 */
export const SCALES = {
  tiny: { townships: 4, projects: 60, firms: 40, people: 2_000, problems: 500 },
  district: { townships: 12, projects: 2_000, firms: 1_500, people: 60_000, problems: 20_000 },
  province: { townships: 400, projects: 100_000, firms: 60_000, people: 1_000_000, problems: 1_000_000 },
} as const;

export type ScaleName = keyof typeof SCALES;
export type Scale = Record<keyof (typeof SCALES)['tiny'], number>;

/** What earlier generators made, for later ones to attach rows to. */
export interface GeneratedRefs {
  regionId: number;
  regionPath: string;
  townshipIds: number[];
  departmentIds: number[];
  firmIds: number[];
  branchIds: number[];
  userIds: Record<string, number>;
  projectIds: number[];
}

export interface GeneratorContext {
  ctx: AppContext;
  scale: Scale;
  scaleName: ScaleName;
  rng: Rng;
  refs: GeneratedRefs;
  log(message: string): void;
}

/** A module's part of generated data; runs after the ones before it in generate/index.ts. */
export type Generator = (g: GeneratorContext) => Promise<void>;

/** Nothing generated yet: what the first generator starts from. */
export function emptyRefs(): GeneratedRefs {
  return {
    regionId: 0,
    regionPath: '/',
    townshipIds: [],
    departmentIds: [],
    firmIds: [],
    branchIds: [],
    userIds: {},
    projectIds: [],
  };
}
