import type { Config } from './config.js';

/**
 * What the server says at start about where demo mode listens: the demo password is published, so
 * without HOST it stays on 127.0.0.1; an operator who sets HOST is reminded the password is public.
 */
export function demoListenNotice(config: Pick<Config, 'demo' | 'host' | 'hostFromEnv'>): string[] {
  if (!config.demo) return [];
  if (!config.hostFromEnv)
    return [
      `演示模式：仅在本机 ${config.host} 监听（演示账号密码是公开的）；如需让其他电脑访问，请设置 HOST，例如 HOST=0.0.0.0。`,
      `Demo mode: listening on ${config.host} only (the demo password is public); set HOST (e.g. HOST=0.0.0.0) to accept other machines.`,
    ];
  return [
    `注意：演示模式按 HOST 设置在 ${config.host} 上监听，演示账号密码是公开的，请勿在不受信任的网络中使用。`,
    `Warning: demo mode is listening on ${config.host} as HOST says; the demo password is public, keep it off untrusted networks.`,
  ];
}
