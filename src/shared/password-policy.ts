import { COMMON_PASSWORDS } from './common-passwords.js';

/** 等保 2.0 password rule: at least 8 characters from at least 3 of 4 classes. */
export function passwordClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
}

export function isStrongPassword(pw: string): boolean {
  return pw.length >= 8 && passwordClasses(pw) >= 3;
}

export const PASSWORD_RULE = {
  zh: '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类',
  en: 'Password must be at least 8 characters and use at least 3 of: upper case, lower case, digits, symbols',
};

export interface PasswordText {
  zh: string;
  en: string;
}

/**
 * Everything wrong with a new password for the account `username`, or null: the strength rule, the
 * username inside it (case-insensitive) and the shipped list of common passwords.
 */
export function passwordProblem(pw: string, username?: string): PasswordText | null {
  if (!isStrongPassword(pw)) return PASSWORD_RULE;
  const lower = pw.toLowerCase();
  const name = username?.trim().toLowerCase();
  if (name && lower.includes(name))
    return { zh: '密码不能包含用户名', en: 'The password must not contain the username' };
  if (COMMON_PASSWORDS.has(lower))
    return {
      zh: '密码过于常见（属于常用弱密码），容易被猜中，请换一个',
      en: 'This password is too common and easy to guess; choose another',
    };
  return null;
}
