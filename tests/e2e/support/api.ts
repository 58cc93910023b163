import { type APIRequestContext, request } from 'playwright-core';

export const DEFAULT_PASSWORD = 'kaizen-okayama-2026';

export interface Owner {
  organizationName: string;
  displayName: string;
  email: string;
  password: string;
}

export const OWNER: Owner = {
  organizationName: '株式会社テスト継続',
  displayName: '山田 花子',
  email: 'hanako@example.jp',
  password: DEFAULT_PASSWORD,
};

/**
 * The HTTP API as a script would use it (its own cookie jar and CSRF token), for arranging data a
 * test is not about, e.g. the organization before a login test.
 */
export class ApiClient {
  private csrf: string | null = null;

  private constructor(readonly http: APIRequestContext) {}

  static async create(baseURL: string): Promise<ApiClient> {
    return new ApiClient(await request.newContext({ baseURL }));
  }

  private async token(): Promise<string> {
    if (!this.csrf) {
      const res = await this.http.get('/api/v1/auth/csrf');
      this.csrf = ((await res.json()) as { token: string }).token;
    }
    return this.csrf;
  }

  /** One request; the answer's status and JSON body, whatever the status. */
  async send(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (method !== 'GET') headers['x-csrf-token'] = await this.token();
    const res = await this.http.fetch(`/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { data: body }),
    });
    const text = await res.text();
    return { status: res.status(), body: text ? JSON.parse(text) : null };
  }

  /** One request that must succeed; its JSON body (`headers` e.g. If-Match for a PATCH). */
  async call<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await this.send(method, path, body, headers);
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** First-run setup: the organization and its owner (this client is then logged in as the owner). */
  async setup(owner: Owner = OWNER, locale: 'ja' | 'en' = 'ja'): Promise<void> {
    await this.call('POST', '/setup', { ...owner, locale });
  }

  async login(email: string, password: string): Promise<{ mfaRequired: boolean }> {
    return this.call('POST', '/auth/login', { email, password });
  }

  async dispose(): Promise<void> {
    await this.http.dispose();
  }
}
