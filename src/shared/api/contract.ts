import type { z } from 'zod';

/**
 * The contract of one HTTP route, shared by the server (validation, serialisation, OpenAPI) and the
 * web (types by `z.infer`, responses parsed in development). `response` is the JSON answered with
 * 200; a route that answers a file (Excel, Word, an image) says `file` with its content type instead.
 */
export interface RouteContract {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** The content type of a file download (no JSON body to describe). */
  file?: string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteKey = `${Method} /api/${string}`;

/**
 * One module's routes: `'GET /api/problems/:id'` (Fastify's path syntax) → its contract. Every JSON
 * route of the server is in exactly one table (test/contract.test.ts walks the live routes).
 */
export type ApiTable = Record<RouteKey, RouteContract>;

/** The 200 answer of a route in a table, as the web sees it. */
export type ResponseOf<T extends ApiTable, K extends keyof T> = T[K] extends { response: z.ZodType }
  ? z.output<T[K]['response']>
  : never;
/** The body a route accepts (before defaults are applied). */
export type BodyOf<T extends ApiTable, K extends keyof T> = T[K] extends { body: z.ZodType }
  ? z.input<T[K]['body']>
  : never;
/** The query a route accepts (before coercion). */
export type QueryOf<T extends ApiTable, K extends keyof T> = T[K] extends { query: z.ZodType }
  ? z.input<T[K]['query']>
  : never;

export const XLSX_FILE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_FILE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
