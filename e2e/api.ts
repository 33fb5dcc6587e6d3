import { baseUrl, DEMO_PASSWORD } from './browser.js';

/** A small HTTP client for journeys to prepare data through the real API (not the database). */
export class ApiClient {
  private cookie = '';
  private csrf = '';

  static async login(username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const c = new ApiClient();
    const res = await c.call('POST', '/api/auth/login', { username, password });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return c;
  }

  async call(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await fetch(baseUrl(path), {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    const sid = set ? /xf_sid=([^;]*)/.exec(set)?.[1] : undefined;
    if (sid !== undefined) this.cookie = `xf_sid=${sid}`;
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      const json = (await res.clone().json()) as { csrfToken?: string };
      if (json?.csrfToken) this.csrf = json.csrfToken;
    }
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call(method, path, body);
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

/**
 * A fresh account for one journey: created by the system administrator, granted by the security
 * administrator, its first password already changed, so journeys never disturb the demo accounts.
 */
export async function provisionUser(opts: {
  username: string;
  displayName: string;
  roles: string[];
  unitName?: string;
}): Promise<{ username: string; password: string }> {
  const admin = await ApiClient.login('admin');
  const units = await admin.json<{ data: Array<{ id: number; name: string }> }>(
    'GET',
    `/api/orgs/options?q=${encodeURIComponent(opts.unitName ?? '先锋经济开发区')}`,
  );
  const unit = units.data[0];
  if (!unit) throw new Error(`unit ${opts.unitName} not found`);
  const temp = 'Temp@pass2026';
  const user = await admin.json<{ id: number }>('POST', '/api/users', {
    username: opts.username,
    displayName: opts.displayName,
    scopeUnitId: unit.id,
    password: temp,
  });
  const sec = await ApiClient.login('secadmin');
  await sec.json('PUT', `/api/users/${user.id}/roles`, { roles: opts.roles });
  const self = await ApiClient.login(opts.username, temp);
  const password = 'Journey@pass2026';
  await self.json('POST', '/api/auth/password', { oldPassword: temp, newPassword: password });
  return { username: opts.username, password };
}
