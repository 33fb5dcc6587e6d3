import { getLang } from './i18n.js';
import { noteServerTime, SERVER_TIME_HEADER } from './server-clock.js';

/** An error answered by the API: a stable code and a message already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
let onUnauthenticated: ((code: string) => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request answers 401, so the app can return to the login page with the reason. */
export function setUnauthenticatedHandler(fn: (code: string) => void): void {
  onUnauthenticated = fn;
}

type Query = Record<string, string | number | boolean | undefined | null | Array<string | number>>;

export function toQuery(q: Query | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)));
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  query?: Query,
): Promise<T> {
  const headers: Record<string, string> = { 'x-lang': getLang() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`${path}${toQuery(query)}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  noteServerTime(res.headers.get(SERVER_TIME_HEADER));
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const e = (json ?? {}) as { code?: string; message?: string; details?: unknown };
    const err = new ApiError(res.status, e.code ?? 'HTTP', e.message ?? res.statusText, e.details);
    if (res.status === 401 && !path.endsWith('/auth/login')) onUnauthenticated?.(err.code);
    throw err;
  }
  if (import.meta.env.DEV) (await import('./dev-contract.js')).checkResponse(method, path, json);
  return json as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', path, undefined, query);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** Triggers a browser download of an export endpoint with the current filters. */
export function download(path: string, query?: Query): void {
  const a = document.createElement('a');
  a.href = `${path}${toQuery(query)}`;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export interface Page<T> {
  data: T[];
  total: number;
  page: number;
  pageSize: number;
}
