import { z } from 'zod';
import { int4 } from '../input.js';
import type { ApiTable } from './contract.js';
import { colourEnum, projectIdParams, reasonView } from './projects.js';

/** 红黄蓝预警: the request and response contract of the warning rules and a project's colour history. */
export const warningRulesSchema = z.object({
  nodeYellowDays: z.number().int().min(0).max(365),
  nodeRedDays: z.number().int().min(0).max(365),
  progressYellowPoints: z.number().min(0).max(100),
  progressRedPoints: z.number().min(0).max(100),
  notStartedYellowMonths: z.number().int().min(0).max(36),
  notStartedRedMonths: z.number().int().min(0).max(36),
});
export type WarningRulesInput = z.infer<typeof warningRulesSchema>;

export const regionRulesView = z.object({
  region: z.object({ id: z.number().int(), name: z.string() }),
  rules: warningRulesSchema,
  defaults: warningRulesSchema,
  /** 0 while the region uses the defaults. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type RegionRules = z.infer<typeof regionRulesView>;

export const updateRulesBody = z.object({ rules: warningRulesSchema, version: int4 });
export const rulesUpdated = z.object({ recomputed: z.number().int() });

export const warningMonthView = z.object({
  month: z.string(),
  colour: colourEnum,
  /** The worst colour seen in the month. */
  worstColour: colourEnum,
  reasons: z.array(reasonView),
  rulesVersion: z.number().int(),
  computedAt: z.string(),
});
export type WarningMonth = z.infer<typeof warningMonthView>;
export const warningMonths = z.object({ data: z.array(warningMonthView) });

export const warningsApi = {
  'GET /api/warning-rules': { response: regionRulesView },
  'PUT /api/warning-rules': { body: updateRulesBody, response: rulesUpdated },
  'GET /api/projects/:id/warnings': { params: projectIdParams, response: warningMonths },
} satisfies ApiTable;
