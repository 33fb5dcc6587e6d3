import { isIsoDate, type IsoDate } from './dates.js';

/**
 * 居民身份证号 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence (odd = male),
 * and a check character computed from the first 17 digits (ISO 7064 MOD 11-2, 10 written as X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdProblem = 'empty' | 'length' | 'chars' | 'birth' | 'checksum';

export type IdCheck =
  | { ok: true; value: string; birthDate: IsoDate; gender: 'male' | 'female' }
  | { ok: false; problem: IdProblem; reason: { zh: string; en: string } };

const REASONS: Record<IdProblem, { zh: string; en: string }> = {
  empty: { zh: '必填', en: 'required' },
  length: { zh: '应为18位', en: 'must have 18 characters' },
  chars: { zh: '前17位应为数字，末位为数字或X', en: '17 digits then a digit or X' },
  birth: { zh: '出生日期无效', en: 'invalid birth date' },
  checksum: { zh: '校验位不正确', en: 'wrong check digit' },
};

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** Normalises (trim, upper-case x) and validates an ID number; `today` bounds the birth date. */
export function checkIdNumber(raw: string, today?: IsoDate): IdCheck {
  const v = raw.trim().toUpperCase();
  const fail = (problem: IdProblem): IdCheck => ({ ok: false, problem, reason: REASONS[problem] });
  if (!v) return fail('empty');
  if (v.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(v)) return fail('chars');
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01' || (today !== undefined && birthDate > today))
    return fail('birth');
  if (idCheckChar(v.slice(0, 17)) !== v[17]) return fail('checksum');
  return { ok: true, value: v, birthDate, gender: Number(v[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Builds a valid ID number from area, birth date and sequence (demo data, generators, tests). */
export function makeIdNumber(area: string, birthDate: IsoDate, seq: number): string {
  const first17 = `${area}${birthDate.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
