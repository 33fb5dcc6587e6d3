import type { Executor } from '../../db/client.js';
import type { AuditActor } from '../../actor.js';
import type { CalendarData } from '../../../domain/calendar.js';
import { monthOf, type IsoDate } from '../../../domain/dates.js';
import {
  COLOUR_LABEL,
  computeWarning,
  isWorse,
  type WarningColour,
  type WarningReason,
  type WarningResult,
} from '../../../domain/warnings.js';
import type { ProjectStage } from '../../../shared/project-stages.js';
import { passedByStage } from '../../../domain/project-completion.js';
import type { LocalText } from '../../errors.js';
import { notifyUsers } from '../notifications/index.js';
import { storeWarnings, type ComputedWarning, type HistoryEntry } from '../projects/index.js';
import { loadWarningInputs, rulesForRegions } from './warning.repository.js';

const RANK: Record<WarningColour, number> = { blue: 0, yellow: 1, red: 2 };

export interface RecomputeOptions {
  cal: CalendarData;
  today: IsoDate;
  now: Date;
  who: AuditActor;
  /** Why the colours are being recomputed, for the history line ("规则调整", "每日重算"). */
  cause?: LocalText;
}

/**
 * Recomputes the warnings of `ids` inside the caller's transaction and gives projects what to store
 * (storeWarnings): the project's current colour and reasons, this month's row of the colour history, a
 * history line when the colour changes; and sends a
 * notification to the 包联领导, the 项目专员 and the people responsible for late nodes when it worsens.
 * The calendar is loaded by the caller before its transaction opens (PGlite: no ctx.db inside one).
 */
export async function recomputeWarnings(
  tx: Executor,
  ids: number[],
  o: RecomputeOptions,
): Promise<Map<number, WarningResult>> {
  const out = new Map<number, WarningResult>();
  if (ids.length === 0) return out;
  const { rows, nodes } = await loadWarningInputs(tx, ids);
  const rules = await rulesForRegions(tx, [...new Set(rows.map((r) => r.regionUnitId))]);
  const nodesOf = new Map<number, typeof nodes>();
  for (const n of nodes) nodesOf.set(n.projectId, [...(nodesOf.get(n.projectId) ?? []), n]);

  const computed: ComputedWarning[] = [];
  const changed: ComputedWarning[] = [];
  const versions = new Map<number, number>();
  const history: HistoryEntry[] = [];
  for (const p of rows) {
    const region = rules.get(p.regionUnitId);
    const mine = (nodesOf.get(p.id) ?? []).map((n) => ({ ...n, passed: passedByStage(n, p.stage as ProjectStage) }));
    const result = computeWarning(
      o.cal,
      {
        stage: p.stage as ProjectStage,
        plannedStart: p.plannedStart,
        plannedEnd: p.plannedEnd,
        startedOn: p.startedOn,
        progress: p.progress,
        nodes: mine,
      },
      o.today,
      region?.rules,
    );
    out.set(p.id, result);
    versions.set(p.id, region?.version ?? 0);
    const row: ComputedWarning = {
      id: p.id,
      colour: result.colour,
      rank: RANK[result.colour],
      reasons: result.reasons,
      planned: result.plannedProgress,
    };
    computed.push(row);
    if (
      row.colour !== p.warningColour ||
      row.planned !== p.plannedProgress ||
      JSON.stringify(row.reasons) !== JSON.stringify(p.warningReasons)
    )
      changed.push(row);
    const before = p.warningColour as WarningColour;
    if (result.colour !== before) {
      const text = colourChangeText(before, result, o.cause);
      history.push({
        projectId: p.id,
        kind: 'warning',
        text,
        before: { colour: before },
        after: { colour: result.colour, reasons: result.reasons.map((r) => r.zh) },
      });
      if (isWorse(result.colour, before)) {
        const lateNodes = new Set(
          result.reasons.filter((r) => r.node && r.colour && r.colour !== 'blue').map((r) => r.node),
        );
        const responsible = mine
          .filter((n) => lateNodes.has(n.name) && n.responsibleUserId)
          .map((n) => n.responsibleUserId as number);
        const to = [p.leaderUserId, p.commissionerUserId, ...responsible].filter(
          (u): u is number => typeof u === 'number',
        );
        const c = COLOUR_LABEL[result.colour];
        await notifyUsers(
          tx,
          to,
          {
            kind: 'project.warning',
            title: { zh: `项目「${p.name}」转为${c.zh}预警`, en: `Project “${p.name}” turned ${c.en.toLowerCase()}` },
            body: { zh: firstReasons(result.reasons, 'zh'), en: firstReasons(result.reasons, 'en') },
            link: `/projects/${p.id}`,
            entity: 'project',
            entityId: p.id,
            dedupeKey: `project-warning:${p.id}:${result.colour}`,
          },
          o.now,
        );
      }
    }
  }
  await storeWarnings(tx, o.who, o.now, { month: monthOf(o.today), changed, computed, versions, history });
  return out;
}

function firstReasons(reasons: WarningReason[], lang: 'zh' | 'en'): string {
  return reasons
    .filter((r) => r.colour && r.colour !== 'blue')
    .slice(0, 3)
    .map((r) => r[lang])
    .join(lang === 'zh' ? '；' : '; ');
}

function colourChangeText(before: WarningColour, r: WarningResult, cause: LocalText | undefined): LocalText {
  const b = COLOUR_LABEL[before];
  const a = COLOUR_LABEL[r.colour];
  const why = r.reasons[0];
  return {
    zh: `${cause ? `${cause.zh}：` : ''}预警由${b.zh}变为${a.zh}${why ? `（${why.zh}）` : ''}`,
    en: `${cause ? `${cause.en}: ` : ''}warning changed from ${b.en.toLowerCase()} to ${a.en.toLowerCase()}${why ? ` (${why.en})` : ''}`,
  };
}
