import { z } from 'zod';
import type { ApiTable } from './contract.js';
import { XLSX_FILE } from './contract.js';
import { idParam, isoDate, withDateOrder } from '../input.js';
import { pageOf, pageQuery } from './page.js';

/** 审计日志: the request and response contract of /api/audit (audit administrator; server validates, web infers). */
export const auditFields = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(64).optional(),
  entity: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const auditListQuery = withDateOrder(auditFields);
export const auditExportQuery = withDateOrder(auditFields.omit({ page: true, pageSize: true }));

export const auditView = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  entity: z.string(),
  entityZh: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  actionZh: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

const facet = z.object({ value: z.string(), zh: z.string() });
export const auditFacets = z.object({ entities: z.array(facet), actions: z.array(facet) });

/** Why the hash chain does not verify (src/server/audit/audit.verify.ts). */
export const CHAIN_BREAKS = [
  'hash_mismatch',
  'prev_hash_mismatch',
  'gap',
  'unkeyed_after_keyed',
  'anchor_mismatch',
  'truncated',
  'anchor_invalid',
] as const;

export const chainReport = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first keyed (v2) row; rows before it were written before the chain was keyed. */
  keyedFrom: z.number().int().nullable(),
  /** Checkpoints checked (outside the database) and the latest one. */
  anchors: z.object({
    checked: z.number().int(),
    latest: z.object({ at: z.string(), count: z.number().int() }).nullable(),
  }),
  /** The first broken row and why, when the chain does not verify. */
  firstBad: z.object({ id: z.number().int(), reason: z.enum(CHAIN_BREAKS) }).optional(),
});

export const auditIdParams = z.object({ id: idParam });
export const auditPage = pageOf(auditView);

export const auditApi = {
  'GET /api/audit': { query: auditListQuery, response: auditPage },
  'GET /api/audit/facets': { response: auditFacets },
  'GET /api/audit/verify': { response: chainReport },
  'GET /api/audit/export': { query: auditExportQuery, file: XLSX_FILE },
  'GET /api/audit/:id': { params: auditIdParams, response: auditView },
} satisfies ApiTable;

export type AuditView = z.infer<typeof auditView>;
export type AuditPage = z.infer<typeof auditPage>;
export type AuditFacets = z.infer<typeof auditFacets>;
export type ChainReport = z.infer<typeof chainReport>;
