import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { notFound } from '../../errors.js';
import { projectNodes, projects } from '../../db/schema/index.js';
import { chinaDate } from '../../../domain/dates.js';
import { listPageRows, namesOf, projectFilterWhere } from './project.repository.js';
import { presentListItem, presentNode } from './project.presenter.js';
import { projectVisibleTo, regionOfPath } from './project.scope.js';
import type { BoardQuery, BoardView } from '../../../shared/api/projects.js';

/**
 * 公示: the region's projects with colour and reasons, time nodes, schedule and responsible people —
 * readable by every business user of the region (it is a public notice, by design wider than the
 * visibility rule; it shows no more than is published). `canOpen` says whether the detail opens.
 */
export async function getBoard(ctx: AppContext, actor: Actor, f: BoardQuery): Promise<BoardView> {
  const region = await regionOfPath(ctx.readDb, actor.scope.path);
  if (!region) throw notFound({ zh: '区域', en: 'Region' });
  const today = chinaDate(ctx.clock.now());
  const inRegion = eq(projects.regionUnitId, region.id);
  const where = projectFilterWhere(actor, { colour: f.colour, townshipId: f.townshipId, q: f.q }, inRegion);
  // The page's total is read off the per-colour counts (the same filters but the colour), not counted again.
  const [rows, counts, cal] = await Promise.all([
    listPageRows(ctx.readDb, { ...f, sort: 'risk' }, today.slice(0, 4), where),
    ctx.readDb
      // grouped by rank, which the region index covers
      .select({ rank: projects.warningRank, n: sql<number>`count(*)::int` })
      .from(projects)
      .where(projectFilterWhere(actor, { townshipId: f.townshipId, q: f.q }, inRegion))
      .groupBy(projects.warningRank),
    ctx.calendar.get(),
  ]);
  const ids = rows.map((r) => r.project.id);
  const [nodes, visible] = await Promise.all([
    ids.length
      ? ctx.readDb
          .select()
          .from(projectNodes)
          .where(inArray(projectNodes.projectId, ids))
          .orderBy(asc(projectNodes.projectId), asc(projectNodes.seq))
      : [],
    ids.length
      ? ctx.readDb
          .select({ id: projects.id })
          .from(projects)
          .where(and(inArray(projects.id, ids), projectVisibleTo(actor)))
      : [],
  ]);
  const names = await namesOf(
    ctx.readDb,
    nodes.map((n) => n.responsibleUnitId).filter((x): x is number => typeof x === 'number'),
    nodes.map((n) => n.responsibleUserId).filter((x): x is number => typeof x === 'number'),
  );
  const open = new Set(visible.map((v) => v.id));
  const c = { blue: 0, yellow: 0, red: 0 };
  const byRank = ['blue', 'yellow', 'red'] as const;
  let all = 0;
  for (const r of counts) {
    all += r.n;
    const colour = byRank[r.rank];
    if (colour) c[colour] = r.n;
  }
  const total = f.colour ? c[f.colour] : all;
  return {
    region: { id: region.id, name: region.name },
    asOf: today,
    counts: c,
    data: rows.map((r) => ({
      ...presentListItem(r, actor.lang),
      nodes: nodes
        .filter((n) => n.projectId === r.project.id)
        .map((n) => presentNode(n, cal, today, names, actor.lang)),
      canOpen: open.has(r.project.id),
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}
