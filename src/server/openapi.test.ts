import { validate } from '@readme/openapi-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from './app.js';
import { SESSION_COOKIE } from './security/sessions.js';
import { withTestApp } from './test/harness.js';

/**
 * The OpenAPI document is what a generated client is built from: it must be valid, and say how to
 * authenticate (session cookie, CSRF header + cookie) and which conditional headers each route takes.
 */

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
}
type Doc = {
  openapi: string;
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
  paths: Record<string, Record<string, Operation>>;
};

const t = withTestApp();
let doc: Doc;

beforeAll(async () => {
  const res = await t.app.inject(`${API_PREFIX}/openapi.json`);
  expect(res.statusCode).toBe(200);
  doc = res.json();
});

const openapiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');
const op = (method: string, url: string): Operation => {
  const o = doc.paths[openapiPath(url)]?.[method.toLowerCase()];
  if (!o) throw new Error(`${method} ${url} missing from the document`);
  return o;
};
const headerParam = (o: Operation, name: string) =>
  o.parameters?.find((p) => p.in === 'header' && p.name.toLowerCase() === name);

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('declares the session cookie and the CSRF header and cookie', () => {
    expect(doc.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }),
      csrfToken: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }),
      csrfSecret: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: '_csrf' }),
    });
  });

  it('gives every API route the security of its access rule and method', () => {
    const routes = t.app.registeredRoutes.filter((r) => !r.url.endsWith('/openapi.json'));
    expect(routes.length).toBeGreaterThan(50);
    for (const r of routes) {
      const expected: Record<string, string[]> = {};
      if (r.access !== 'public') expected.session = [];
      if (r.method !== 'GET') Object.assign(expected, { csrfToken: [], csrfSecret: [] });
      const security = op(r.method, r.url).security;
      expect(security, `${r.method} ${r.url}`).toEqual(Object.keys(expected).length ? [expected] : []);
    }
    // Spot checks against what the server really does.
    expect(op('GET', `${API_PREFIX}/auth/csrf`).security).toEqual([]);
    expect(op('POST', `${API_PREFIX}/auth/login`).security).toEqual([{ csrfToken: [], csrfSecret: [] }]);
    expect(op('GET', `${API_PREFIX}/sites`).security).toEqual([{ session: [] }]);
    expect(op('POST', `${API_PREFIX}/sites`).security).toEqual([
      { session: [], csrfToken: [], csrfSecret: [] },
    ]);
  });

  it('requires If-Match on versioned updates and declares the ETag they return', () => {
    const updates = [
      ['PATCH', '/sites/:id'],
      ['PATCH', '/departments/:id'],
      ['PATCH', '/people/:id'],
      ['PATCH', '/org'],
      ['PATCH', '/bia/settings'],
      ['PATCH', '/damage/estimates/:id'],
      ['PATCH', '/diagnosis/tasks/:id'],
      ['PUT', '/diagnosis/checklist/:itemId'],
    ] as const;
    for (const [method, path] of updates) {
      const o = op(method, `${API_PREFIX}${path}`);
      expect(headerParam(o, 'if-match'), `${method} ${path}`).toMatchObject({ required: true });
      expect(o.responses['200']?.headers, `${method} ${path}`).toHaveProperty('ETag');
    }
    expect(headerParam(op('POST', `${API_PREFIX}/bia/settings/scale`), 'if-match')).toMatchObject({
      required: true,
    });
    // Every route that takes If-Match says so, and no other.
    const ifMatchRoutes = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops)
        .filter(([, o]) => headerParam(o, 'if-match'))
        .map(([m]) => `${m.toUpperCase()} ${p}`),
    );
    expect(ifMatchRoutes.length).toBeGreaterThanOrEqual(updates.length + 1);
    expect(headerParam(op('POST', `${API_PREFIX}/sites`), 'if-match')).toBeUndefined();
  });

  it('declares the ETag of reads and If-None-Match where a 304 can come back', () => {
    expect(op('GET', `${API_PREFIX}/sites/:id`).responses['200']?.headers).toHaveProperty('ETag');
    expect(op('POST', `${API_PREFIX}/sites`).responses['201']?.headers).toHaveProperty('ETag');
    const bia = op('GET', `${API_PREFIX}/bia`);
    expect(headerParam(bia, 'if-none-match')).toMatchObject({ required: false });
    expect(bia.responses['200']?.headers).toHaveProperty('ETag');
    expect(bia.responses).toHaveProperty('304');
    expect(op('GET', `${API_PREFIX}/sites`).responses['200']?.headers).toBeUndefined();
  });

  it('matches what the server enforces: an update without If-Match is refused', async () => {
    const { createOrgWithUser } = await import('./test/harness.js');
    const { client } = await createOrgWithUser(t, 'owner');
    const site = (await client.post(`${API_PREFIX}/sites`, { name: 'Osaka', kind: 'branch' })).json();
    const res = await client.patch(`${API_PREFIX}/sites/${site.id}`, { name: 'Kobe' });
    expect(res.statusCode).toBe(428);
    const ok = await client.patch(
      `${API_PREFIX}/sites/${site.id}`,
      { name: 'Kobe' },
      { 'if-match': `"${site.version}"` },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe(`"${site.version + 1}"`);
  });
});
