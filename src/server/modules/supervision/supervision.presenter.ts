import type { FindingView } from '../../../shared/api/supervision.js';
import type { FindingWithNames, VisitRow } from './supervision.repository.js';

export function presentVisit(v: VisitRow) {
  return {
    id: v.id,
    quarter: v.quarter,
    groupName: v.groupName,
    visitedOn: v.visitedOn,
    members: v.members,
    summary: v.summary,
    createdAt: v.createdAt.toISOString(),
  };
}

export function presentFinding({ f, projectName, unitName }: FindingWithNames): FindingView {
  return {
    id: f.id,
    visitId: f.visitId,
    project: { id: f.projectId, name: projectName },
    description: f.description,
    responsibleUnit: f.responsibleUnitId ? { id: f.responsibleUnitId, name: unitName ?? '' } : null,
    status: f.status as FindingView['status'],
    resolution: f.resolution,
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
    problemId: f.problemId,
    createdAt: f.createdAt.toISOString(),
  };
}
