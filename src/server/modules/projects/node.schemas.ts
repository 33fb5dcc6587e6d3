import { z } from 'zod';
import { idParam, idRef, int4, isoMonth } from '../../../shared/input.js';
import { isoDateString } from '../../http/pagination.js';

export const nodeParams = z.object({
  id: idParam,
  nodeId: idParam,
});

const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const addNodeBody = z.object({
  name: z.string().trim().min(2).max(32),
  plannedDate: isoDateString,
  plannedPercent: z.number().min(0).max(100).nullable().optional(),
  responsibleName: optText(32),
  responsibleUserId: idRef.nullable().optional(),
  responsibleUnitId: idRef.nullable().optional(),
  /** Place it after the node with this sequence number (default: last). */
  afterSeq: int4.optional(),
});

export const updateNodeBody = z.object({
  plannedDate: isoDateString.nullable().optional(),
  expectedDate: isoDateString.nullable().optional(),
  actualDate: isoDateString.nullable().optional(),
  plannedPercent: z.number().min(0).max(100).nullable().optional(),
  responsibleName: optText(32),
  responsibleUserId: idRef.nullable().optional(),
  responsibleUnitId: idRef.nullable().optional(),
  evidence: optText(500),
  /** Why the plan moves; required when a planned date changes (the change stays visible). */
  reason: z.string().trim().max(200).optional(),
  version: int4.min(1),
});

export const progressBody = z.object({
  progress: z.number().min(0).max(100),
  note: z.string().trim().max(200).optional(),
});
export const investmentParams = z.object({
  id: idParam,
  month: isoMonth,
});
export const investmentBody = z.object({
  amount: z.number().min(0).max(1e9),
  note: z.string().trim().max(200).nullable().optional(),
});

export type AddNodeInput = z.infer<typeof addNodeBody>;
export type UpdateNodeInput = z.infer<typeof updateNodeBody>;
