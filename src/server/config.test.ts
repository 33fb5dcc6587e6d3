import { describe, expect, it } from 'vitest';
import type { ConfigError } from './config.js';
import { parseConfig } from './config.js';

describe('parseConfig', () => {
  it('has the documented defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      demo: true,
      sessionIdleMinutes: 30,
      loginMaxFailures: 5,
      lockoutMinutes: 15,
      cookieSecure: false,
    });
  });

  it('lists every problem at once', () => {
    try {
      parseConfig({ PORT: '99999', DATABASE_URL: 'mysql://x', XIANFENG_LOCKOUT_MINUTES: 'soon' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'PORT="99999": must be at most 65535',
        'DATABASE_URL="mysql://x": must start with postgres:// or postgresql://',
        'XIANFENG_LOCKOUT_MINUTES="soon": XIANFENG_LOCKOUT_MINUTES must be a whole number',
      ]);
    }
  });

  it('a fixed clock (XIANFENG_CLOCK_START) is honoured only when NODE_ENV=test', () => {
    expect(parseConfig({ NODE_ENV: 'test', XIANFENG_CLOCK_START: '2026-11-23T02:00:00Z' }).clockStart).toEqual(
      new Date('2026-11-23T02:00:00Z'),
    );
    expect(parseConfig({ NODE_ENV: 'test' }).clockStart).toBeUndefined();
    for (const env of [
      { XIANFENG_CLOCK_START: '2026-11-23T02:00:00Z' },
      { NODE_ENV: 'development', XIANFENG_CLOCK_START: '2026-11-23T02:00:00Z' },
      { NODE_ENV: 'production', XIANFENG_SECRET_KEY: 'ab'.repeat(32), XIANFENG_CLOCK_START: '2026-11-23T02:00:00Z' },
    ])
      expect(() => parseConfig(env)).toThrow(/XIANFENG_CLOCK_START: a fixed clock is only for tests/);
    expect(() => parseConfig({ NODE_ENV: 'test', XIANFENG_CLOCK_START: '2026-11-23' })).toThrow(
      /XIANFENG_CLOCK_START="2026-11-23": must be an ISO date-time with a zone/,
    );
  });

  it('a read replica (DATABASE_REPLICA_URL) needs the primary DATABASE_URL', () => {
    expect(() => parseConfig({ DATABASE_REPLICA_URL: 'postgres://r/x' })).toThrow(
      /DATABASE_REPLICA_URL: a replica needs DATABASE_URL/,
    );
    expect(parseConfig({ DATABASE_URL: 'postgres://p/x', DATABASE_REPLICA_URL: 'postgres://r/x' })).toMatchObject({
      databaseReplicaUrl: 'postgres://r/x',
      replicaMaxLagSeconds: 30,
    });
    expect(parseConfig({}).databaseReplicaUrl).toBeUndefined();
  });

  it('production needs a secret key, refuses demo data and uses secure cookies', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/XIANFENG_SECRET_KEY: required/);
    expect(() =>
      parseConfig({ NODE_ENV: 'production', XIANFENG_SECRET_KEY: 'ab'.repeat(32), XIANFENG_DEMO: 'true' }),
    ).toThrow(/demo data cannot be loaded/);
    expect(parseConfig({ NODE_ENV: 'production', XIANFENG_SECRET_KEY: 'ab'.repeat(32) })).toMatchObject({
      demo: false,
      cookieSecure: true,
    });
  });
});

describe('where the server listens, and the webhook allow-list', () => {
  const prod = { NODE_ENV: 'production', XIANFENG_SECRET_KEY: 'ab'.repeat(32) };
  it('demo mode stays on 127.0.0.1 unless HOST is set; without demo data the default is every interface', () => {
    expect(parseConfig({})).toMatchObject({ demo: true, host: '127.0.0.1', hostFromEnv: false });
    expect(parseConfig({ XIANFENG_DEMO: 'true', HOST: '0.0.0.0' })).toMatchObject({
      host: '0.0.0.0',
      hostFromEnv: true,
    });
    expect(parseConfig({ XIANFENG_DEMO: 'false' })).toMatchObject({ demo: false, host: '0.0.0.0' });
    expect(parseConfig(prod)).toMatchObject({ demo: false, host: '0.0.0.0', hostFromEnv: false });
    expect(parseConfig({ ...prod, HOST: '10.1.2.3' })).toMatchObject({ host: '10.1.2.3' });
  });

  it('XIANFENG_WEBHOOK_ALLOW takes hosts, IPs and CIDR ranges; a bad entry is a configuration error', () => {
    expect(parseConfig({ XIANFENG_WEBHOOK_ALLOW: 'robot.intra, 10.0.0.0/8 127.0.0.1' }).webhookAllow).toBe(
      'robot.intra, 10.0.0.0/8 127.0.0.1',
    );
    expect(() => parseConfig({ XIANFENG_WEBHOOK_ALLOW: '10.0.0.0/40' })).toThrow(
      /XIANFENG_WEBHOOK_ALLOW="10.0.0.0\/40": must be host names, IP addresses or CIDR ranges/,
    );
  });
});
