import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithUser, createTestApp, type TestApp, TestClient } from './test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('app shell', () => {
  it('answers health and readiness, readiness checking the database', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().database).toBe(t.db.engine);
  });

  it('answers unknown API paths with a problem+json not_found', async () => {
    const res = await t.app.inject('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('not_found');
  });

  it('sets a strict content security policy', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('refuses unsafe requests without the CSRF token', async () => {
    const { client } = await createOrgWithUser(t);
    const res = await client.post('/api/v1/auth/csrf', {}, { 'x-csrf-token': 'forged' });
    expect([403, 404]).toContain(res.statusCode);
    expect(new TestClient(t.app)).toBeInstanceOf(TestClient);
  });

  it('publishes an OpenAPI 3 document', async () => {
    const res = await t.app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });
});
