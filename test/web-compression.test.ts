import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../scripts/vite-precompress.js';
import { pickEncoding } from '../src/server/http/compression.js';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';

// A build as `npm run build` leaves it: a hashed asset, a tiny one, and an index.html under 1 KB.
const ASSET = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ i, name: `先锋${i}` })))};\n`;
const INDEX =
  '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/app-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

let dir: string;
let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xf-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets/app-Ab12Cd34.js'), ASSET);
  writeFileSync(join(dir, 'assets/tiny-Zz99Yy88.js'), 'export const x = 1;\n');
  writeFileSync(join(dir, 'index.html'), INDEX);
  await precompressDir(dir);
  t = await createTestApp({ XIANFENG_WEB_DIR: dir });
  const { region } = await buildRegion(t.ctx);
  const u = await buildUser(t.ctx, { unitId: region.id, roles: ['sysadmin'] });
  for (let i = 0; i < 12; i++) await buildUser(t.ctx, { unitId: region.id, displayName: `压缩测试用户${i}` });
  admin = await t.login(u.username);
});
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('the build step', () => {
  it('writes .br and .gz beside an asset above 1 KB, not beside a tiny one', () => {
    expect(existsSync(join(dir, 'assets/app-Ab12Cd34.js.br'))).toBe(true);
    expect(existsSync(join(dir, 'assets/app-Ab12Cd34.js.gz'))).toBe(true);
    expect(existsSync(join(dir, 'assets/tiny-Zz99Yy88.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'index.html.br'))).toBe(false);
  });
});

describe('built assets, precompressed', () => {
  it('sends brotli when asked, with the JS type, Vary and a year-long immutable cache', async () => {
    const res = await get('/assets/app-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(ASSET.length / 3);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(ASSET);
  });

  it('sends gzip to a client that takes only gzip', async () => {
    const res = await get('/assets/app-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(res.rawPayload).toString()).toBe(ASSET);
  });

  it('sends the file as it is to a client that asks for no encoding, or refuses br and gzip', async () => {
    const asks: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of asks) {
      const res = await get('/assets/app-Ab12Cd34.js', headers);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.body).toBe(ASSET);
    }
  });

  it('sends a file with no compressed copy as it is, even to a client that takes br', async () => {
    const res = await get('/assets/tiny-Zz99Yy88.js', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('export const x = 1;\n');
  });

  it('index.html, and any page path of the app, is revalidated on every load (no-cache)', async () => {
    for (const url of ['/index.html', '/projects', '/login?next=%2F']) {
      const res = await get(url, { 'accept-encoding': 'br, gzip' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    }
  });
});

describe('API answers', () => {
  it('compresses a large JSON answer with brotli or gzip as asked, and says it varies', async () => {
    const plain = await get('/api/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(10_000);
    const br = await get('/api/openapi.json', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
    expect(br.rawPayload.length).toBeLessThan(plain.body.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await get('/api/openapi.json', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  it('compresses a logged-in list as well, and it reads back the same', async () => {
    const headers = { cookie: admin.cookie as string, 'x-lang': 'zh' };
    const plain = await get('/api/users?pageSize=50', headers);
    expect(plain.statusCode).toBe(200);
    expect(plain.body.length).toBeGreaterThan(1024);
    const br = await get('/api/users?pageSize=50', { ...headers, 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
  });

  it('leaves a small answer (under 1 KB) as it is', async () => {
    const res = await get('/api/auth/setup', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toEqual({ needed: expect.any(Boolean) });
  });

  it('does not compress an xlsx export again (it is a zip already)', async () => {
    const headers = { cookie: admin.cookie as string, 'x-lang': 'zh' };
    const res = await get('/api/users/export', { ...headers, 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-encoding']).toBeUndefined();
    // An xlsx is a zip: it starts with "PK".
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
  });
});

describe('Accept-Encoding', () => {
  it('prefers brotli, honours q=0 and *, and falls back to identity', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding('deflate')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
    expect(pickEncoding('BR;Q=1')).toBe('br');
  });
});
