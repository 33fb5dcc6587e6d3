import type { LocalText } from '../../errors.js';

function hhmm(d: Date): string {
  // Shown in China time whatever the server's time zone.
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

export const authText = {
  badCredentials: (left: number, max: number, lockMinutes: number): LocalText => ({
    zh: `用户名或密码错误。再错 ${left} 次，账号将被锁定 ${lockMinutes} 分钟（连续 ${max} 次错误即锁定）`,
    en: `Wrong username or password. ${left} more failure(s) and the account is locked for ${lockMinutes} minutes`,
  }),
  locked: (until: Date, now: Date, max: number, lockMinutes: number): LocalText => {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    return {
      zh: `连续 ${max} 次密码错误，账号已被锁定 ${lockMinutes} 分钟，请在 ${hhmm(until)} 之后（约 ${minutes} 分钟后）再试，或联系系统管理员解锁`,
      en: `The account is locked for ${lockMinutes} minutes after ${max} failed logins; try again after ${hhmm(until)} (about ${minutes} min) or ask the administrator`,
    };
  },
  disabled: { zh: '账号已停用，请联系系统管理员', en: 'This account is disabled; contact the system administrator' },
  noPassword: { zh: '该账号尚未设置密码，请完成系统初始化或联系系统管理员', en: 'This account has no password yet' },
  wrongOldPassword: { zh: '原密码不正确', en: 'The current password is wrong' },
  samePassword: { zh: '新密码不能与原密码相同', en: 'The new password must differ from the current one' },
  setupNotNeeded: { zh: '系统已完成初始化', en: 'Setup has already been completed' },
  setupBadToken: {
    zh: '初始化口令不正确（见服务器首次启动时的日志）',
    en: 'Wrong setup token (printed in the server log at first start)',
  },
} satisfies Record<string, LocalText | ((...a: never[]) => LocalText)>;
