import { isIP } from 'node:net';

/**
 * Which addresses an outgoing request (a department's group-robot webhook) may reach: public
 * unicast only. Loopback, private, CGNAT, link-local (cloud metadata 169.254.169.254), unspecified,
 * multicast and reserved ranges are refused, IPv6 forms that embed an IPv4 address are judged by that
 * address, and an operator may open hosts or ranges with XIANFENG_WEBHOOK_ALLOW.
 */
export type BlockedKind = 'loopback' | 'private' | 'link_local' | 'unspecified' | 'multicast' | 'reserved';

export const BLOCKED_LABELS: Record<BlockedKind, { zh: string; en: string }> = {
  loopback: { zh: '本机回环地址', en: 'a loopback address' },
  private: { zh: '内网地址', en: 'a private address' },
  link_local: { zh: '链路本地地址', en: 'a link-local address' },
  unspecified: { zh: '未指定地址', en: 'an unspecified address' },
  multicast: { zh: '组播地址', en: 'a multicast address' },
  reserved: { zh: '保留地址', en: 'a reserved address' },
};

const V4_RANGES: Array<[string, number, BlockedKind]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link_local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

function v6ToBigInt(ip: string): bigint {
  let s = ip.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4ToInt(dotted[1]!);
    s = `${s.slice(0, -dotted[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

const inV6 = (n: bigint, prefix: string, bits: number) =>
  n >> BigInt(128 - bits) === v6ToBigInt(prefix) >> BigInt(128 - bits);

function classifyV4(ip: string): BlockedKind | null {
  const n = v4ToInt(ip);
  for (const [base, bits, kind] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === (v4ToInt(base) & mask) >>> 0) return kind;
  }
  return null;
}

const intToV4 = (n: bigint) => [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');

/** The IPv4 address an IPv6 address stands for (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedV4(ip: string): string | null {
  const n = v6ToBigInt(ip);
  if (inV6(n, '::ffff:0:0', 96) || inV6(n, '64:ff9b::', 96) || (inV6(n, '::', 96) && n > 1n))
    return intToV4(n & 0xffffffffn);
  if (inV6(n, '2002::', 16)) return intToV4((n >> 80n) & 0xffffffffn);
  return null;
}

function classifyV6(ip: string): BlockedKind | null {
  const n = v6ToBigInt(ip);
  if (n === 0n) return 'unspecified';
  if (n === 1n) return 'loopback';
  const v4 = embeddedV4(ip);
  if (v4) return classifyV4(v4);
  if (inV6(n, 'ff00::', 8)) return 'multicast';
  if (inV6(n, 'fe80::', 10) || inV6(n, 'fec0::', 10)) return 'link_local';
  if (inV6(n, 'fc00::', 7)) return 'private';
  // Global unicast is 2000::/3, less documentation (2001:db8::/32) and Teredo (2001::/32).
  if (!inV6(n, '2000::', 3) || inV6(n, '2001:db8::', 32) || inV6(n, '2001::', 32)) return 'reserved';
  return null;
}

/** Why an IP address may not be reached, or null for a public unicast address. Not an IP: 'reserved'. */
export function classifyAddress(ip: string): BlockedKind | null {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return classifyV4(bare);
  if (family === 6) return classifyV6(bare);
  return 'reserved';
}

/** Hosts and ranges an operator opened (XIANFENG_WEBHOOK_ALLOW): "robot.intra, 10.1.0.0/16, 127.0.0.1". */
export interface AllowList {
  allowsHost(host: string): boolean;
  allowsAddress(ip: string): boolean;
}

interface Range {
  v6: boolean;
  base: bigint;
  bits: number;
}

function toRange(ip: string, bits: number): Range {
  const v6 = isIP(ip) === 6;
  return { v6, base: v6 ? v6ToBigInt(ip) : BigInt(v4ToInt(ip)), bits };
}

function inRange(ip: string, r: Range): boolean {
  const v6 = isIP(ip) === 6;
  const mapped = v6 ? embeddedV4(ip) : null;
  if (!r.v6 && mapped) return inRange(mapped, r);
  if (v6 !== r.v6) return false;
  const n = v6 ? v6ToBigInt(ip) : BigInt(v4ToInt(ip));
  const shift = BigInt((r.v6 ? 128 : 32) - r.bits);
  return n >> shift === r.base >> shift;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Parses the allow-list; throws naming the first entry that is neither a host name, an IP nor a CIDR. */
export function parseAllowList(spec: string | undefined): AllowList {
  const hosts = new Set<string>();
  const ranges: Range[] = [];
  for (const raw of (spec ?? '').split(/[\s,]+/).filter(Boolean)) {
    const entry = raw.toLowerCase().replace(/^\[|\]$/g, '');
    const [ip, bitsText] = entry.split('/');
    const family = isIP(ip ?? '');
    if (family) {
      const max = family === 4 ? 32 : 128;
      const bits = bitsText === undefined ? max : Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > max) throw new Error(`"${raw}": bad prefix length`);
      ranges.push(toRange(ip!, bits));
    } else if (bitsText === undefined && HOSTNAME.test(entry)) hosts.add(entry);
    else throw new Error(`"${raw}": not a host name, IP address or CIDR range`);
  }
  return {
    allowsHost: (host) => hosts.has(host.toLowerCase().replace(/^\[|\]$/g, '')),
    allowsAddress: (address) => ranges.some((r) => inRange(address.replace(/^\[|\]$/g, ''), r)),
  };
}
