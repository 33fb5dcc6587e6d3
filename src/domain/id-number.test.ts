import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar, makeIdNumber } from './id-number.js';

describe('checkIdNumber', () => {
  it.each([
    // [input, ok, problem | birth, gender]
    ['11010519491231002X', true, '1949-12-31', 'female'],
    ['110105194912310021', false, 'checksum', null],
    ['440524188001010014', false, 'birth', null],
    ['11010519491231002x', true, '1949-12-31', 'female'],
    [' 11010519491231002X ', true, '1949-12-31', 'female'],
    ['11010519490231002X', false, 'birth', null],
    ['1101051949123100', false, 'length', null],
    ['1101051949123100AX', false, 'chars', null],
    ['', false, 'empty', null],
    ['320311197001010011', idCheckChar('32031119700101001') === '1', null, 'male'],
  ])('%s', (input, ok, detail, gender) => {
    const r = checkIdNumber(input, '2026-11-23');
    expect(r.ok).toBe(ok);
    if (r.ok) {
      if (detail) expect(r.birthDate).toBe(detail);
      expect(r.gender).toBe(gender);
    } else if (detail) expect(r.problem).toBe(detail);
  });

  it('refuses a birth date after today', () => {
    const id = makeIdNumber('110105', '2027-01-01', 11);
    expect(checkIdNumber(id, '2026-11-23')).toMatchObject({ ok: false, problem: 'birth' });
    expect(checkIdNumber(id, '2027-01-01').ok).toBe(true);
  });

  it('makeIdNumber builds valid numbers, the check character 10 written as X', () => {
    const ids = Array.from({ length: 200 }, (_, i) => makeIdNumber('370102', '1990-05-17', i));
    expect(ids.every((id) => checkIdNumber(id).ok)).toBe(true);
    expect(ids.some((id) => id.endsWith('X'))).toBe(true);
  });
});
