import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createOrgWithUser, createTestDb, TestClient, type TestDb } from '../test/harness.js';
import { securityHeaders } from './security-headers.js';

/** What every answer carries (helmet's set with keizoku's CSP), written out so a change shows. */
const EXPECTED: Record<string, string> = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

function expectSecurityHeaders(what: string, headers: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(EXPECTED)) expect(headers[name], `${what}: ${name}`).toBe(value);
  expect(headers['x-powered-by'], what).toBeUndefined();
}

let testDb: TestDb;
let app: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  testDb = await createTestDb();
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-web-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>keizoku</title>');
  fs.writeFileSync(path.join(webRoot, 'app.js'), 'console.log(1);');
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() });
  app = await buildApp({ db: testDb.db, config, logger: false, webRoot });
  // Test-only routes: a server fault, and an event stream (what live incident updates send).
  app.get('/api/v1/test/fault', { config: { access: 'public' }, schema: { hide: true } }, async () => {
    throw new Error('boom');
  });
  app.get('/api/v1/test/events', { config: { access: 'public' }, schema: { hide: true } }, (_req, reply) => {
    reply.type('text/event-stream');
    return reply.send(Readable.from([`data: ${'x'.repeat(4096)}\n\n`, 'data: done\n\n']));
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
  await testDb.drop();
});

describe('security headers on every kind of answer', () => {
  it('are on successes, compressed answers, static files and the app shell', async () => {
    const cases: [string, InjectOptions, number][] = [
      ['health', { url: '/healthz' }, 200],
      ['readiness', { url: '/readyz' }, 200],
      ['HEAD', { method: 'HEAD', url: '/healthz' }, 200],
      ['compressed', { url: '/api/v1/openapi.json', headers: { 'accept-encoding': 'br' } }, 200],
      ['static file', { url: '/app.js' }, 200],
      ['app shell', { url: '/people' }, 200],
    ];
    for (const [what, request, status] of cases) {
      const res = await app.inject(request);
      expect(res.statusCode, what).toBe(status);
      expectSecurityHeaders(what, res.headers);
    }
    const compressed = await app.inject({
      url: '/api/v1/openapi.json',
      headers: { 'accept-encoding': 'br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
  });

  it('are on every refusal and error: 4xx, 5xx, framework and CSRF refusals', async () => {
    const client = new TestClient(app);
    const cases: [string, InjectOptions, number][] = [
      ['API 404', { url: '/api/v1/nope' }, 404],
      ['asset 404', { url: '/missing.js' }, 404],
      ['405', { method: 'DELETE', url: '/api/v1/sites' }, 405],
      ['401', { url: '/api/v1/sites' }, 401],
      ['CSRF', { method: 'POST', url: '/api/v1/sites', payload: {}, headers: { 'x-csrf-token': 'x' } }, 403],
      ['malformed URL', { url: '/api/v1/%E0%A4%A' }, 400],
      [
        'malformed JSON',
        {
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: '{',
          headers: {
            'content-type': 'application/json',
            'x-csrf-token': await client.csrfToken(),
            cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          },
        },
        400,
      ],
      ['500', { url: '/api/v1/test/fault' }, 500],
    ];
    for (const [what, request, status] of cases) {
      const res = await app.inject(request);
      expect(res.statusCode, what).toBe(status);
      expectSecurityHeaders(what, res.headers);
    }
  });

  it('are on answers that fail validation and on signed-in answers', async () => {
    const t = { app, db: testDb.db, config: app.config, close: async () => {} };
    const { client } = await createOrgWithUser(t);
    const bad = await client.post('/api/v1/sites', { name: '' });
    expect(bad.statusCode).toBe(400);
    expectSecurityHeaders('validation', bad.headers);
    const ok = await client.get('/api/v1/sites');
    expect(ok.statusCode).toBe(200);
    expectSecurityHeaders('signed in', ok.headers);
  });

  it('add HSTS and upgrade-insecure-requests behind https only', () => {
    const plain = new Map(securityHeaders(false));
    const secure = new Map(securityHeaders(true));
    expect(plain.get('strict-transport-security')).toBeUndefined();
    expect(plain.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(secure.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(secure.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});

describe('compression', () => {
  it('leaves small answers and event streams as they are', async () => {
    const small = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    const events = await app.inject({
      url: '/api/v1/test/events',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(events.statusCode).toBe(200);
    expect(events.headers['content-type']).toContain('text/event-stream');
    expect(events.headers['content-encoding']).toBeUndefined();
    expect(events.body).toContain('data: done');
    expectSecurityHeaders('event stream', events.headers);
  });
});
