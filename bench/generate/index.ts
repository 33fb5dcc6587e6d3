import type { AppContext } from '../../src/server/context.js';
import { createRng } from './rng.js';
import { SCALES, emptyRefs, type GeneratedRefs, type Generator, type Scale, type ScaleName } from './types.js';
import { generateOrgs } from './orgs.js';
import { generateProblems } from './problems.js';
import { generateProjects } from './projects.js';
import { generatePeople } from './people.js';

/** Every module's generator, in dependency order. Modules append theirs (projects, people, problems). */
export const GENERATORS: Array<{ name: string; run: Generator }> = [
  { name: 'orgs', run: generateOrgs },
  { name: 'projects', run: generateProjects },
  { name: 'problems', run: generateProblems },
  { name: 'people', run: generatePeople },
];

/**
 * Generates a whole region at `scale`, reproducibly from `seed`, into the given database; `only` runs just the
 * named generators (in their order), `scale` overrides sizes of the named scale.
 */
export async function generate(
  ctx: AppContext,
  scaleName: ScaleName,
  seed: number,
  log: (m: string) => void = console.log,
  opts: { only?: string[]; scale?: Partial<Scale> } = {},
): Promise<GeneratedRefs> {
  const refs: GeneratedRefs = emptyRefs();
  const rng = createRng(seed);
  const scale: Scale = { ...SCALES[scaleName], ...opts.scale };
  for (const gen of GENERATORS) {
    if (opts.only && !opts.only.includes(gen.name)) continue;
    const started = Date.now();
    await gen.run({ ctx, scale, scaleName, rng, refs, log });
    log(`  ${gen.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return refs;
}
