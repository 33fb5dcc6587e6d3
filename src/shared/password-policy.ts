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
