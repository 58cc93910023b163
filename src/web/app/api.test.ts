import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, allPages, api, apiRequest, setCsrfToken } from './api.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A stand-in server: answers each request with the next scripted response and records it. */
function scriptedFetch(responses: Array<(call: Call) => Response>) {
  const calls: Call[] = [];
  const fetchFn = vi.fn(async (url: string, init: RequestInit) => {
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    };
    calls.push(call);
    const next = responses.shift();
    if (!next) throw new Error(`unexpected request ${call.method} ${url}`);
    return next(call);
  });
  vi.stubGlobal('fetch', fetchFn);
  return calls;
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
const problem =
  (status: number, code: string, extra: object = {}) =>
  () =>
    new Response(JSON.stringify({ type: 'x', title: 't', status, code, ...extra }), {
      status,
      headers: { 'content-type': 'application/problem+json' },
    });

describe('API client', () => {
  beforeEach(() => setCsrfToken('known-token'));
  afterEach(() => vi.unstubAllGlobals());

  it('sends JSON with the CSRF token on unsafe methods and none on GET', async () => {
    const calls = scriptedFetch([json(200, { ok: true }), json(200, { a: 1 })]);
    await api.post('/me/password', { currentPassword: 'x', newPassword: 'y' });
    await api.get('/org');
    expect(calls[0]?.url).toBe('/api/v1/me/password');
    expect(calls[0]?.headers['X-CSRF-Token']).toBe('known-token');
    expect(calls[0]?.headers['Content-Type']).toBe('application/json');
    expect(calls[0]?.body).toEqual({ currentPassword: 'x', newPassword: 'y' });
    expect(calls[1]?.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('always sends a JSON body with POST, {} when there is nothing to say', async () => {
    const calls = scriptedFetch([json(200, { ok: true })]);
    await api.post('/auth/logout');
    expect(calls[0]?.body).toEqual({});
  });

  it('fetches a fresh token and retries once when the server says the token is stale', async () => {
    const calls = scriptedFetch([
      problem(403, 'csrf_invalid'),
      json(200, { token: 'fresh' }),
      json(200, { ok: 1 }),
    ]);
    await expect(api.patch('/me', { locale: 'en' })).resolves.toEqual({ ok: 1 });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'PATCH /api/v1/me',
      'GET /api/v1/auth/csrf',
      'PATCH /api/v1/me',
    ]);
    expect(calls[2]?.headers['X-CSRF-Token']).toBe('fresh');
  });

  it('sends If-Match and reads the version from the ETag', async () => {
    const calls = scriptedFetch([json(200, { version: 4 }, { ETag: 'W/"4"' })]);
    const res = await apiRequest('PATCH', '/org', { body: { name: 'n' }, ifMatch: 3 });
    expect(calls[0]?.headers['If-Match']).toBe('"3"');
    expect(res.etag).toBe('4');
  });

  it('turns problem+json into an ApiError with code, params and issues', async () => {
    scriptedFetch([
      problem(423, 'account_locked', { params: { until: '2026-01-01T00:00:00Z' } }),
      problem(400, 'validation_failed', { issues: [{ path: ['email'], code: 'invalid_format' }] }),
    ]);
    const locked = await api.post('/auth/login', {}).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(ApiError);
    expect(locked).toMatchObject({
      status: 423,
      code: 'account_locked',
      params: { until: '2026-01-01T00:00:00Z' },
    });
    const invalid = await api.post('/auth/login', {}).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, issues: [{ path: ['email'], code: 'invalid_format' }] });
  });

  it('reports an unreachable server as network_error and a non-JSON 500 as internal_error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(api.get('/session')).rejects.toMatchObject({ status: 0, code: 'network_error' });
    scriptedFetch([() => new Response('<html>oops</html>', { status: 502 })]);
    await expect(api.get('/session')).rejects.toMatchObject({ status: 502, code: 'internal_error' });
  });

  it('reads every page of a list for a picker, following the cursor, and checks each page', async () => {
    const Page = z.object({
      items: z.array(z.object({ id: z.string() })),
      nextCursor: z.string().nullable(),
    });
    const calls = scriptedFetch([
      json(200, { items: [{ id: 'p1' }, { id: 'p2' }], nextCursor: 'c/2' }),
      json(200, { items: [{ id: 'p3' }], nextCursor: null }),
    ]);
    expect(await allPages(Page, '/people?includeArchived=true')).toEqual([
      { id: 'p1' },
      { id: 'p2' },
      { id: 'p3' },
    ]);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/people?includeArchived=true&limit=200',
      '/api/v1/people?includeArchived=true&limit=200&cursor=c%2F2',
    ]);
    scriptedFetch([json(200, { items: [{ id: 1 }], nextCursor: null })]);
    await expect(allPages(Page, '/people')).rejects.toThrow();
  });
});
