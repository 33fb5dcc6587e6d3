import { parseArgs } from 'node:util';
import { openForCli } from './open.js';
import { seedCalendarOnce, syncRoles } from '../seed/base.js';
import { loadDemoData } from '../seed/first-start.js';

/**
 * npm run db:seed — loads the demo region into an empty database (what npm start does on first run).
 * npm run db:seed -- --scale district|province [--seed 42] — adds a generated region for benches,
 * reproducible from the seed number (see bench/generate/).
 */
const { values } = parseArgs({ options: { scale: { type: 'string' }, seed: { type: 'string', default: '42' } } });
const { ctx, database } = await openForCli('seed');
try {
  await syncRoles(ctx);
  await seedCalendarOnce(ctx);
  if (values.scale) {
    if (!['tiny', 'district', 'province'].includes(values.scale)) {
      console.error('--scale must be tiny, district or province');
      process.exitCode = 2;
    } else {
      const { generate } = await import('../../../bench/generate/index.js');
      const started = Date.now();
      const refs = await generate(ctx, values.scale as 'tiny' | 'district' | 'province', Number(values.seed));
      console.log(
        `generated ${values.scale} (seed ${values.seed}) in ${((Date.now() - started) / 1000).toFixed(0)} s: region ${refs.regionId}, ${refs.projectIds.length} projects`,
      );
    }
  } else {
    const loaded = await loadDemoData(ctx);
    console.log(
      loaded ? '已载入演示数据 / demo data loaded' : '数据库非空，未载入演示数据 / database not empty; nothing loaded',
    );
  }
} finally {
  await database.close();
}
