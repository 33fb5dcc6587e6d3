import { z } from 'zod';
import { idParam, idRef, isoDate } from '../input.js';
import type { ApiTable } from './contract.js';
import { pageOf, pageQuery } from './page.js';

/** 季督办: the contract of /api/supervision and a project's findings (server validates, web infers). */
export const FINDING_STATUSES = ['open', 'resolved'] as const;

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'YYYY-Qn');

export const supervisionIdParams = z.object({ id: idParam });
export const visitListQuery = pageQuery.extend({ quarter: quarter.optional() });

export const newVisitBody = z.object({
  groupName: z.string().trim().min(2).max(64),
  visitedOn: isoDate,
  quarter: quarter.optional(),
  members: z.string().trim().max(200).nullable().optional(),
  summary: z.string().trim().max(2000).nullable().optional(),
});

export const newFindingBody = z.object({
  projectId: idRef,
  description: z.string().trim().min(4).max(500),
  responsibleUnitId: idRef.nullable().optional(),
});

export const findingPatchBody = z.object({
  status: z.enum(FINDING_STATUSES).optional(),
  resolution: z.string().trim().max(500).nullable().optional(),
  problemId: idRef.nullable().optional(),
});

export const visitView = z.object({
  id: z.number().int(),
  quarter: z.string(),
  groupName: z.string(),
  visitedOn: z.string(),
  members: z.string().nullable(),
  summary: z.string().nullable(),
  createdAt: z.string(),
});

export const visitRow = visitView.extend({ findings: z.number().int(), openFindings: z.number().int() });

export const findingView = z.object({
  id: z.number().int(),
  visitId: z.number().int(),
  project: z.object({ id: z.number().int(), name: z.string() }),
  description: z.string(),
  responsibleUnit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  status: z.enum(FINDING_STATUSES),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  problemId: z.number().int().nullable(),
  createdAt: z.string(),
});

export const visitDetail = visitView.extend({ findings: z.array(findingView) });
export const visitPage = pageOf(visitRow);
export const projectFindings = z.object({ data: z.array(findingView) });

export type VisitRow = z.infer<typeof visitRow>;
export type VisitPage = z.infer<typeof visitPage>;
export type VisitDetail = z.infer<typeof visitDetail>;
export type FindingView = z.infer<typeof findingView>;
export type ProjectFindings = z.infer<typeof projectFindings>;

export const supervisionApi = {
  'GET /api/supervision/visits': { query: visitListQuery, response: visitPage },
  'POST /api/supervision/visits': { body: newVisitBody, response: visitDetail },
  'GET /api/supervision/visits/:id': { params: supervisionIdParams, response: visitDetail },
  'POST /api/supervision/visits/:id/findings': {
    params: supervisionIdParams,
    body: newFindingBody,
    response: visitDetail,
  },
  'PATCH /api/supervision/findings/:id': { params: supervisionIdParams, body: findingPatchBody, response: findingView },
  'GET /api/projects/:id/findings': { params: supervisionIdParams, response: projectFindings },
} satisfies ApiTable;
