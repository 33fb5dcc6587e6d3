import { describe, expect, it } from 'vitest';
import { pgDataErrorCode } from './pg-data-error.js';

describe('pgDataErrorCode', () => {
  it('finds a class-22 code on the error or down its cause chain (Drizzle wraps the driver error)', () => {
    expect(pgDataErrorCode(Object.assign(new Error('x'), { code: '22008' }))).toBe('22008');
    const wrapped = new Error('Failed query', { cause: Object.assign(new Error('bad'), { code: '22P05' }) });
    expect(pgDataErrorCode(wrapped)).toBe('22P05');
  });
  it('ignores other errors', () => {
    expect(pgDataErrorCode(Object.assign(new Error('x'), { code: '23505' }))).toBeNull();
    expect(pgDataErrorCode(new Error('plain'))).toBeNull();
    expect(pgDataErrorCode(undefined)).toBeNull();
  });
});
