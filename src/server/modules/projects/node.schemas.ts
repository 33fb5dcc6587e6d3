import { z } from 'zod';
import { isoDateString } from '../../http/pagination.js';

export const nodeParams = z.object({
  id: z.coerce.number().int().positive(),
  nodeId: z.coerce.number().int().positive(),
});

const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const addNodeBody = z.object({
  name: z.string().trim().min(2).max(32),
  plannedDate: isoDateString,
  plannedPercent: z.number().min(0).max(100).nullable().optional(),
  responsibleName: optText(32),
  responsibleUserId: z.number().int().positive().nullable().optional(),
  responsibleUnitId: z.number().int().positive().nullable().optional(),
  /** Place it after the node with this sequence number (default: last). */
  afterSeq: z.number().int().min(0).optional(),
});

export const updateNodeBody = z.object({
  plannedDate: isoDateString.nullable().optional(),
  expectedDate: isoDateString.nullable().optional(),
  actualDate: isoDateString.nullable().optional(),
  plannedPercent: z.number().min(0).max(100).nullable().optional(),
  responsibleName: optText(32),
  responsibleUserId: z.number().int().positive().nullable().optional(),
  responsibleUnitId: z.number().int().positive().nullable().optional(),
  evidence: optText(500),
  /** Why the plan moves; required when a planned date changes (the change stays visible). */
  reason: z.string().trim().max(200).optional(),
  version: z.number().int().positive(),
});

export const progressBody = z.object({
  progress: z.number().min(0).max(100),
  note: z.string().trim().max(200).optional(),
});
export const investmentParams = z.object({
  id: z.coerce.number().int().positive(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
});
export const investmentBody = z.object({
  amount: z.number().min(0).max(1e9),
  note: z.string().trim().max(200).nullable().optional(),
});

export type AddNodeInput = z.infer<typeof addNodeBody>;
export type UpdateNodeInput = z.infer<typeof updateNodeBody>;
