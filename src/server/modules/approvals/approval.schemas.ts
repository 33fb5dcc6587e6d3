import { z } from 'zod';
import { idParam, idRef, int4, withDateOrder } from '../../../shared/input.js';
import { isoDateString, pageQuery } from '../../http/pagination.js';
import { registerFieldLabels } from '../../http/field-labels.js';

export const itemParams = z.object({
  id: idParam,
  itemId: idParam,
});

export const updateItemBody = z.object({
  submittedOn: isoDateString.nullable().optional(),
  completedOn: isoDateString.nullable().optional(),
  documents: z
    .array(z.object({ name: z.string().trim().min(1).max(64), provided: z.boolean() }))
    .max(40)
    .optional(),
  note: z.string().trim().max(200).nullable().optional(),
  /** The organisation department adjusts the chart: department and target. */
  departmentUnitId: idRef.nullable().optional(),
  targetDays: z.number().int().min(1).max(365).optional(),
  version: int4.min(1),
});
export type UpdateItemInput = z.infer<typeof updateItemBody>;

export const worklistQuery = pageQuery.extend({
  status: z.enum(['open', 'overdue', 'not_submitted', 'done']).optional(),
  projectId: idParam.optional(),
});

export const reportQuery = withDateOrder(
  z.object({ from: isoDateString, to: isoDateString, code: z.string().max(16).optional() }),
);

registerFieldLabels({
  submittedOn: '申报日期',
  completedOn: '办结日期',
  documents: '材料清单',
  departmentUnitId: '办理部门',
  targetDays: '承诺时限（工作日）',
});
