import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { classifyAddress, type AllowList, type BlockedKind } from './address-policy.js';

/**
 * The outcome of an outgoing POST, said without the reply's body: a status code and a short
 * classification (`http_error`, `robot_errcode:93000`, `target_refused:loopback`, `timeout`, …) that
 * the settings page can show safely, since a body from an internal service must never be echoed.
 */
export interface PostOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export class TargetRefusedError extends Error {
  readonly code = 'XF_TARGET_REFUSED';
  constructor(readonly kind: BlockedKind) {
    super(`target refused: ${kind}`);
  }
}

/** The URL's host as the connection will use it: brackets and a trailing dot removed, lower case. */
export function targetHost(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

const isLocalName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** Why a host (name or IP literal, before DNS) is refused, or null. Names are judged again after DNS. */
export function refusedHost(host: string, allow: AllowList): BlockedKind | null {
  if (allow.allowsHost(host)) return null;
  if (isLocalName(host)) return 'loopback';
  if (!isIP(host)) return null;
  const kind = classifyAddress(host);
  return kind && !allow.allowsAddress(host) ? kind : null;
}

/** The first refused address among a name's DNS answers (every answer is checked), or null. */
export function refusedAddress(host: string, addresses: string[], allow: AllowList): BlockedKind | null {
  if (allow.allowsHost(host)) return null;
  for (const a of addresses) {
    const kind = classifyAddress(a);
    if (kind && !allow.allowsAddress(a)) return kind;
  }
  return null;
}

/**
 * A DNS lookup that checks every answer and hands the socket only checked addresses, so the
 * connection goes to what was checked (no second resolution an attacker's DNS could rebind).
 */
function guardedLookup(allow: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, verbatim: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const refused = refusedAddress(
        hostname.toLowerCase(),
        list.map((a) => a.address),
        allow,
      );
      if (refused || list.length === 0) return callback(new TargetRefusedError(refused ?? 'reserved'), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

function classify(err: NodeJS.ErrnoException): string {
  if (err instanceof TargetRefusedError) return `target_refused:${err.kind}`;
  if (err.code === 'ETIMEDOUT' || err.name === 'TimeoutError') return 'timeout';
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return 'dns_failed';
  if (/CERT|SSL|TLS/i.test(err.code ?? '')) return 'tls_failed';
  return 'connect_failed';
}

/** POSTs JSON to a public address (or an allow-listed one); never follows redirects; reads at most 16 KB back. */
export function guardedPostJson(
  rawUrl: string,
  payload: unknown,
  allow: AllowList,
  timeoutMs = 5_000,
): Promise<PostOutcome & { body: string }> {
  return new Promise((resolve) => {
    const done = (o: PostOutcome, body = '') => resolve({ ...o, body });
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return done({ ok: false, status: null, error: 'bad_url' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return done({ ok: false, status: null, error: 'bad_url' });
    const literal = refusedHost(targetHost(url), allow);
    if (literal) return done({ ok: false, status: null, error: `target_refused:${literal}` });
    const body = JSON.stringify(payload);
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(allow),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
          if (text.length > 16_384) res.destroy();
        });
        res.on('close', () => {
          if (status >= 300 && status < 400) return done({ ok: false, status, error: 'redirect' });
          if (status < 200 || status >= 300) return done({ ok: false, status, error: 'http_error' });
          done({ ok: true, status, error: null }, text.slice(0, 16_384));
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, status: null, error: classify(err) }));
    req.end(body);
  });
}

/**
 * Save-time check of a target URL: its host literal, then (for a name) every address DNS gives now.
 * A name that does not resolve here is let through; delivery checks again after its own lookup.
 */
export async function refusedTarget(
  rawUrl: string,
  allow: AllowList,
  dnsTimeoutMs = 3_000,
): Promise<BlockedKind | null> {
  const url = new URL(rawUrl);
  const host = targetHost(url);
  const literal = refusedHost(host, allow);
  if (literal || isIP(host) || allow.allowsHost(host)) return literal;
  const addresses = await new Promise<string[]>((resolve) => {
    const timer = setTimeout(() => resolve([]), dnsTimeoutMs);
    dnsLookup(host, { all: true, verbatim: true }, (err, list) => {
      clearTimeout(timer);
      resolve(err ? [] : (list as LookupAddress[]).map((a) => a.address));
    });
  });
  return refusedAddress(host, addresses, allow);
}
