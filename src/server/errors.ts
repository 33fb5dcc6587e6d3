/** Localised text: every message the API returns exists in Chinese (default) and English. */
export interface LocalText {
  zh: string;
  en: string;
}

export type Lang = 'zh' | 'en';

export const ERROR_STATUS = {
  VALIDATION: 400,
  BAD_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SEPARATION_OF_DUTIES: 409,
  ACCOUNT_LOCKED: 423,
  CALENDAR_YEAR_MISSING: 422,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  DB_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A domain error with a stable code; the error handler renders it in the requester's language. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly text: LocalText,
    readonly details?: Record<string, unknown>,
  ) {
    super(text.en);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: LocalText = { zh: '记录', en: 'Record' }): AppError =>
  new AppError('NOT_FOUND', { zh: `${what.zh}不存在或无权查看`, en: `${what.en} not found` });

export const forbidden = (): AppError =>
  new AppError('FORBIDDEN', { zh: '没有执行此操作的权限', en: 'You do not have permission to do this' });

export const conflict = (text: LocalText, details?: Record<string, unknown>): AppError =>
  new AppError('CONFLICT', text, details);

export const invalid = (text: LocalText, details?: Record<string, unknown>): AppError =>
  new AppError('VALIDATION', text, details);
