import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { connectionErrorCode, isDatabaseUnavailable } from './availability.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable: a database that is away, told apart from a failing query', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED'), true],
    ['connection reset', withCode('ECONNRESET'), true],
    ['admin_shutdown (pg_terminate_backend, restart)', withCode('57P01'), true],
    ['crash_shutdown', withCode('57P02'), true],
    ['cannot_connect_now (starting up)', withCode('57P03'), true],
    ['connection_failure (class 08)', withCode('08006'), true],
    ['pg: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly'), true],
    ['pg-pool: connect timeout', new Error('timeout exceeded when trying to connect'), true],
    ['several addresses refused', new AggregateError([withCode('ECONNREFUSED')], 'all failed'), true],
    ['wrapped by drizzle', new DrizzleQueryError('select 1', [], withCode('57P01')), true],
    ['unique violation', withCode('23505'), false],
    ['syntax error', withCode('42601'), false],
    ['serialization failure', withCode('40001'), false],
    ['a plain bug', new TypeError('x is undefined'), false],
    ['not an error', 'ECONNREFUSED', false],
  ])('%s → %s', (_name, err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected);
  });

  it('names the error by its code only', () => {
    expect(connectionErrorCode(new DrizzleQueryError('select secret', ['p'], withCode('57P01')))).toBe('57P01');
    expect(connectionErrorCode(new Error('Connection terminated unexpectedly'))).toBe('CONNECTION_LOST');
  });
});
