/** The server's answers, from the shared contract (types only: zod stays out of the bundle). */
export type { UserPage, UserView } from '../../../shared/api/users.js';

export interface UserFilters extends Record<string, string | number | undefined> {
  q: string | undefined;
  role: string | undefined;
  status: string | undefined;
  unitId: number | undefined;
  page: number;
  pageSize: number;
}

export const DEFAULT_FILTERS: UserFilters = {
  q: undefined,
  role: undefined,
  status: undefined,
  unitId: undefined,
  page: 1,
  pageSize: 20,
};

/** A temporary password that satisfies the rule (upper, lower, digit, symbol). */
export function generatePassword(): string {
  const pick = (s: string) => s[Math.floor(Math.random() * s.length)] as string;
  const body = Array.from({ length: 8 }, () => pick('abcdefghjkmnpqrstuvwxyz23456789')).join('');
  return `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ')}${body}${pick('23456789')}${pick('@#%&*')}`;
}
