import { eq, sql } from 'drizzle-orm';
import { onEvent } from '../../events.js';
import { approvalItems, orgUnits } from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { APPROVAL_TEMPLATE } from '../../../shared/approval-items.js';

/**
 * A project was registered: its standard approval chart (一图管全程), each item given to the region's
 * department of that name, in the registering transaction.
 */
onEvent('project.created', async (tx, _ctx, _who, { project }) => {
  const [region] = await tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, project.regionUnitId));
  if (!region) throw new Error(`project ${project.id}: region ${project.regionUnitId} not found`);
  const depts = await tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(sql`${orgUnits.kind} = 'department' and ${inSubtree(orgUnits.path, region.path)}`);
  await tx.insert(approvalItems).values(
    APPROVAL_TEMPLATE.map((t, seq) => ({
      projectId: project.id,
      code: t.code,
      name: t.zh,
      nameEn: t.en,
      phase: t.phase,
      seq,
      departmentUnitId:
        depts.find((d) => d.name === t.department)?.id ??
        depts.find((d) => d.name.includes(t.department.slice(0, 2)))?.id ??
        null,
      targetDays: t.targetDays,
      isAcceptance: t.isAcceptance,
      documents: t.documents.map((name) => ({ name, provided: false })),
    })),
  );
});
