import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from './test-app.js';
import { buildRegion, buildUser } from './factories.js';
import type * as PasswordModule from '../src/server/crypto/password.js';

/** Counts every password the server checks, so the tests see how many guesses were really tried. */
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../src/server/crypto/password.js', async (importOriginal) => {
  const real = await importOriginal<typeof PasswordModule>();
  return {
    ...real,
    verifyPassword: async (password: string, stored: string | null) => {
      checks.count++;
      return real.verifyPassword(password, stored);
    },
  };
});

let t: TestApp;
let region: Awaited<ReturnType<typeof buildRegion>>;

beforeAll(async () => {
  t = await createTestApp();
  region = await buildRegion(t.ctx);
});
afterAll(async () => t?.close());
beforeEach(() => {
  checks.count = 0;
});

const login = (username: string, password: string) => t.anonymous().post('/api/auth/login', { username, password });

describe('login lockout under parallel guesses (max 5 per window)', () => {
  it('30 parallel logins, 29 wrong and the right one last: nobody logs in, at most 5 passwords checked', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id });
    const tries = [...Array.from({ length: 29 }, (_, i) => `Wrong@pass${i}`), TEST_PASSWORD];
    const results = await Promise.all(tries.map((pw) => login(u.username, pw)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toEqual([]);
    expect(codes.filter((c) => c === 401 || c === 423)).toHaveLength(30);
    expect(checks.count).toBeLessThanOrEqual(5);
    expect(checks.count).toBeGreaterThanOrEqual(1);
    // The name stays locked for the right password too, until the window ends.
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(423);
    expect(checks.count).toBeLessThanOrEqual(5);
    t.clock.advanceMinutes(16);
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('100 parallel wrong guesses check at most 5 passwords; the refused ones say the account is locked', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => login(u.username, `Wrong@guess${i}`)));
    expect(checks.count).toBe(5);
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(4);
    expect(codes.filter((c) => c === 423)).toHaveLength(96);
    const refused = results.find((r) => r.statusCode === 423);
    expect(refused?.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(refused?.json().message).toMatch(/^连续 5 次密码错误，账号已被锁定 15 分钟/);
  });

  it('the same holds for a name that does not exist', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => login('no-such-user-x', 'Wrong@guess1')));
    expect(checks.count).toBe(5);
    expect(results.filter((r) => r.statusCode === 423)).toHaveLength(36);
  });

  it('a success releases its slot: the counter starts again after a good login', async () => {
    const u = await buildUser(t.ctx, { unitId: region.townA.id });
    for (let i = 0; i < 4; i++) expect((await login(u.username, 'Wrong@pass1')).statusCode).toBe(401);
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    const again = await login(u.username, 'Wrong@pass1');
    expect(again.json().message).toBe('用户名或密码错误。再错 4 次，账号将被锁定 15 分钟（连续 5 次错误即锁定）');
  });
});
