import { onEvent } from '../../events.js';
import { linkFindingToProblem } from '../supervision/index.js';
import { insertProblem, projectTownPath, titleFrom } from './problem.intake.js';

/**
 * A supervision finding (季督办) becomes a problem in the ledger, in the same transaction as the
 * finding, with source 'supervision', and the finding records which problem it became. The finding
 * id doubles as the idempotency key.
 */
onEvent('supervision.findingRaised', async (tx, ctx, who, { finding, project, visit }) => {
  const place = await projectTownPath(tx, project.id);
  if (!place) throw new Error(`supervision finding for unknown project ${project.id}`);
  const text = finding.description.trim();
  const { id } = await insertProblem(
    tx,
    { userId: who.userId, name: who.name, unitId: null },
    who,
    {
      source: 'supervision',
      category: 'other',
      title: titleFrom(text),
      description: `${visit.quarter} 季督办（${visit.groupName}，${visit.visitedOn}）：${text}`,
      firmUnitId: place.ownerFirmUnitId,
      projectId: project.id,
      scopePath: place.firmPath ?? place.path,
      createdBy: who.userId,
      clientRequestId: `supervision:${finding.id}`,
      meetingId: null,
      sourceRef: `finding:${finding.id}@${visit.visitedOn}`,
      photoIds: [],
    },
    ctx.clock.now(),
  );
  await linkFindingToProblem(tx, finding.id, id);
});
