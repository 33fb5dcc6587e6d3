import type { AppContext } from '../../context.js';
import { can, type Actor } from '../../actor.js';
import { pipelineView, type PipelineDates } from '../../../domain/pipeline.js';
import type { PersonDetail } from '../../../shared/api/people.js';
import { developmentOf, participationsOf, timelineOf } from './people.repository.js';
import { presentPerson } from './people.presenter.js';
import { presentOpts, requirePerson } from './person.access.js';
import { presentTransfers } from './transfer.service.js';
import { transfersOfPerson } from './transfer.repository.js';

function refs(list: unknown): Array<{ personId?: number | null; name: string }> {
  return Array.isArray(list) ? (list as Array<{ personId?: number | null; name: string }>) : [];
}

/** The person with participations, development record (due dates explained), timeline and transfers. */
export async function getPerson(ctx: AppContext, actor: Actor, id: number): Promise<PersonDetail> {
  const row = await requirePerson(ctx, actor, id);
  const o = presentOpts(ctx, actor);
  const [parts, dev, events, transfers] = await Promise.all([
    participationsOf(ctx.db, actor, id),
    developmentOf(ctx.db, actor, id),
    timelineOf(ctx.db, actor, id),
    transfersOfPerson(ctx.db, actor, id),
  ]);
  const base = presentPerson(row, o);
  const view = dev ? pipelineView(dev as PipelineDates, o.today) : null;
  return {
    ...base,
    employerUnitId: row.person.employerUnitId,
    homeUnitId: row.person.homeUnitId,
    canReveal: can(actor, 'people.reveal'),
    participations: parts.map(({ p, orgName }) => ({
      id: p.id,
      org: { id: p.orgUnitId, name: orgName ?? '' },
      role: p.role,
      since: p.since,
      until: p.until,
    })),
    development:
      dev && view
        ? {
            orgUnitId: dev.orgUnitId,
            appliedOn: dev.appliedOn,
            talkedOn: dev.talkedOn,
            activistOn: dev.activistOn,
            candidateOn: dev.candidateOn,
            admittedOn: dev.admittedOn,
            extensionMonths: dev.extensionMonths,
            extensionReason: dev.extensionReason,
            fullOn: dev.fullOn,
            probationEndsOn: view.probationEndsOn,
            introducers: refs(dev.introducers),
            contacts: refs(dev.contacts),
            stage: view.stage,
            next: view.next
              ? { key: view.next.key, dueOn: view.next.dueOn, status: view.next.status, text: view.next.text[o.lang] }
              : null,
            warnings: view.warnings.map((w) => ({ code: w.code, text: w.text[o.lang] })),
          }
        : null,
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      on: e.on,
      text: (e.text as { zh: string; en: string })[o.lang],
    })),
    transfers: await presentTransfers(ctx, actor, transfers),
  };
}
