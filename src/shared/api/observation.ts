import { z } from 'zod';
import { idParam, idRef, int4, isoDate } from '../input.js';
import type { ApiTable } from './contract.js';
import { pageOf, pageQuery } from './page.js';

/** 半年观摩: the contract of /api/observations (server validates, web infers). */
export const observationIdParams = z.object({ id: idParam });

/** One line of a scoring sheet (as entered). */
export const criterionInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,23}$/),
  zh: z.string().trim().min(1).max(32),
  en: z.string().trim().max(64).optional(),
  max: z.number().positive().max(1000),
});

export const newEventBody = z.object({
  title: z.string().trim().min(2).max(64),
  heldOn: isoDate,
  half: z
    .string()
    .regex(/^\d{4}-H[12]$/)
    .optional(),
  criteria: z.array(criterionInput).max(20).optional(),
  projectIds: z.array(idRef).min(1).max(200),
});

export const criteriaBody = z.object({ criteria: z.array(criterionInput).min(1).max(20), version: int4.min(1) });

export const scoresBody = z.object({
  projectId: idRef,
  scorerName: z.string().trim().min(1).max(32),
  scores: z.record(z.string(), z.number()),
  comment: z.string().trim().max(500).nullable().optional(),
});

export const criterionView = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string().optional(),
  max: z.number(),
});

/** A project's result: the average of its scorers' totals, per criterion, and its rank (1, 2, 2, 4). */
export const projectTotal = z.object({
  projectId: z.number().int(),
  scorers: z.number().int(),
  total: z.number(),
  perCriterion: z.record(z.string(), z.number()),
  rank: z.number().int(),
});

export const eventRow = z.object({
  id: z.number().int(),
  title: z.string(),
  half: z.string(),
  heldOn: z.string(),
  projects: z.number().int(),
});

export const eventView = z.object({
  id: z.number().int(),
  title: z.string(),
  half: z.string(),
  heldOn: z.string(),
  criteria: z.array(criterionView),
  maxTotal: z.number(),
  version: z.number().int(),
  projects: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      code: z.string(),
      township: z.string().nullable(),
      colour: z.string(),
      total: projectTotal.nullable(),
    }),
  ),
  sheets: z.array(
    z.object({
      id: z.number().int(),
      projectId: z.number().int(),
      scorerName: z.string(),
      scores: z.record(z.string(), z.number()),
      total: z.number(),
      comment: z.string().nullable(),
    }),
  ),
  ranking: z.array(projectTotal),
});

export const eventPage = pageOf(eventRow);

export type CriterionView = z.infer<typeof criterionView>;
export type EventRow = z.infer<typeof eventRow>;
export type EventPage = z.infer<typeof eventPage>;
export type EventView = z.infer<typeof eventView>;

export const observationApi = {
  'GET /api/observations': { query: pageQuery, response: eventPage },
  'POST /api/observations': { body: newEventBody, response: eventView },
  'GET /api/observations/:id': { params: observationIdParams, response: eventView },
  'PUT /api/observations/:id/criteria': { params: observationIdParams, body: criteriaBody, response: eventView },
  'PUT /api/observations/:id/scores': { params: observationIdParams, body: scoresBody, response: eventView },
} satisfies ApiTable;
