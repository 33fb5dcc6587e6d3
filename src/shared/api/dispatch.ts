import { z } from 'zod';
import { idParam, int4, isoMonth } from '../input.js';
import { DOCX_FILE, type ApiTable } from './contract.js';
import { pageOf, pageQuery, queryBool } from './page.js';

/** 月调度: the contract of /api/dispatch (server validates, web infers). */
export const COLOURS = ['blue', 'yellow', 'red'] as const;
export const DISPATCH_STATES = ['confirmed', 'pending', 'overdue'] as const;

const localText = z.object({ zh: z.string(), en: z.string() });
const nodeLine = z.object({ name: z.string(), plannedDate: z.string().nullable(), actualDate: z.string().nullable() });

export const dispatchListQuery = pageQuery.extend({
  month: isoMonth.optional(),
  state: z.enum(['confirmed', 'missing']).optional(),
  townshipId: idParam.optional(),
  mine: queryBool.optional(),
  q: z.string().trim().max(64).optional(),
});

export const dispatchExportQuery = z.object({ month: isoMonth.optional(), townshipId: idParam.optional() });
export const dispatchReportParams = z.object({ projectId: idParam, month: isoMonth });
export const dispatchConfirmBody = z.object({
  remarks: z.string().trim().max(500).nullable().optional(),
  version: int4,
});

export const dispatchRow = z.object({
  project: z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    township: z.string().nullable(),
    commissioner: z.string().nullable(),
    colour: z.enum(COLOURS),
  }),
  state: z.enum(DISPATCH_STATES),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  canConfirm: z.boolean(),
});

export const dispatchList = pageOf(dispatchRow).extend({
  month: z.string(),
  dueOn: z.string().nullable(),
  provisionalYear: z.number().int().nullable(),
  counts: z.object({ all: z.number().int(), confirmed: z.number().int(), missing: z.number().int() }),
});

/** Open items of one kind a project carries into its report (未办结问题, 督办发现 …). */
export const openItems = z.object({
  key: z.string(),
  label: localText,
  count: z.number().int(),
  items: z.array(localText),
});

/** What a report says, prefilled from nodes, investment, warnings and open items; kept as confirmed. */
export const dispatchSnapshot = z.object({
  month: z.string(),
  project: z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    township: z.string().nullable(),
    stage: z.string(),
    stageZh: z.string(),
    commissioner: z.string().nullable(),
    leader: z.string().nullable(),
  }),
  colour: z.enum(COLOURS),
  reasons: z.array(localText),
  progress: z.number().nullable(),
  plannedProgress: z.number().nullable(),
  summary: z.object({
    month: z.string(),
    nodesDone: z.array(nodeLine),
    nodesMissed: z.array(nodeLine),
    nodesNext: z.array(nodeLine),
    monthInvestment: z.number(),
    yearInvestment: z.number(),
    totalInvestment: z.number(),
    annualPlan: z.number().nullable(),
    annualRate: z.number().nullable(),
  }),
  open: z.array(openItems),
});

export const dispatchReport = z.object({
  month: z.string(),
  dueOn: z.string().nullable(),
  state: z.enum(DISPATCH_STATES),
  required: z.boolean(),
  snapshot: dispatchSnapshot,
  remarks: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  version: z.number().int(),
  canConfirm: z.boolean(),
});

export type DispatchRow = z.infer<typeof dispatchRow>;
export type DispatchList = z.infer<typeof dispatchList>;
export type DispatchSnapshotView = z.infer<typeof dispatchSnapshot>;
export type DispatchReport = z.infer<typeof dispatchReport>;

export const dispatchApi = {
  'GET /api/dispatch': { query: dispatchListQuery, response: dispatchList },
  'GET /api/dispatch/export': { query: dispatchExportQuery, file: DOCX_FILE },
  'GET /api/dispatch/:projectId/:month': { params: dispatchReportParams, response: dispatchReport },
  'POST /api/dispatch/:projectId/:month/confirm': {
    params: dispatchReportParams,
    body: dispatchConfirmBody,
    response: dispatchReport,
  },
} satisfies ApiTable;
