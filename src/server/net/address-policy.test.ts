import { describe, expect, it } from 'vitest';
import { classifyAddress, parseAllowList } from './address-policy.js';
import { refusedHost, targetHost } from './guarded-post.js';

describe('classifyAddress: only public unicast may be reached', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.254', 'private'],
    ['169.254.169.254', 'link_local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link_local'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link_local'],
    ['2002:c0a8:101::1', 'private'],
    ['fe80::1', 'link_local'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['not-an-ip', 'reserved'],
  ])('%s → %s', (ip, kind) => expect(classifyAddress(ip)).toBe(kind));

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '101.226.1.1', '::ffff:8.8.8.8', '2400:3200::1'])(
    '%s is public',
    (ip) => expect(classifyAddress(ip)).toBeNull(),
  );
});

describe('URL hosts in every spelling', () => {
  const none = parseAllowList('');
  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://localhost:8080/x', 'loopback'],
    ['http://LOCALHOST./x', 'loopback'],
    ['http://robot.localhost/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://169.254.169.254/latest/meta-data/', 'link_local'],
    ['http://[fe80::1]/', 'link_local'],
    ['http://10.0.0.8/', 'private'],
    ['http://192.168.1.20:8080/', 'private'],
    ['http://0xa9fea9fe/', 'link_local'],
  ])('%s → %s', (url, kind) => expect(refusedHost(targetHost(new URL(url)), none)).toBe(kind));

  it('a public robot host passes the literal check (names are checked again after DNS)', () => {
    expect(refusedHost(targetHost(new URL('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x')), none)).toBeNull();
    expect(refusedHost('101.226.1.1', none)).toBeNull();
  });
});

describe('the operator allow-list (XIANFENG_WEBHOOK_ALLOW)', () => {
  const allow = parseAllowList('127.0.0.1, 10.8.0.0/16 robot.intra [fd00::5]');
  it('opens exactly the listed hosts, addresses and ranges', () => {
    expect(refusedHost('127.0.0.1', allow)).toBeNull();
    expect(refusedHost('::ffff:127.0.0.1', allow)).toBeNull();
    expect(refusedHost('127.0.0.2', allow)).toBe('loopback');
    expect(refusedHost('10.8.200.1', allow)).toBeNull();
    expect(refusedHost('10.9.0.1', allow)).toBe('private');
    expect(refusedHost('robot.intra', allow)).toBeNull();
    expect(refusedHost('fd00::5', allow)).toBeNull();
    expect(refusedHost('fd00::6', allow)).toBe('private');
    expect(refusedHost('localhost', allow)).toBe('loopback');
  });
  it('names a bad entry', () => {
    expect(() => parseAllowList('10.0.0.0/33')).toThrow('"10.0.0.0/33": bad prefix length');
    expect(() => parseAllowList('http://x')).toThrow('"http://x": not a host name');
  });
});
