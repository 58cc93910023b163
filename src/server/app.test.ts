import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithUser, createTestApp, type TestApp } from './test/harness.js';

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

  it('refuses unsafe requests without a valid CSRF token, and changes nothing', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    for (const token of ['forged', '']) {
      const res = await client.post(
        '/api/v1/sites',
        { name: 'Osaka', kind: 'branch' },
        { 'x-csrf-token': token },
      );
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_invalid');
    }
    const sites = await t.db.kysely.selectFrom('sites').select('id').where('org_id', '=', orgId).execute();
    expect(sites).toEqual([]);
    const ok = await client.post('/api/v1/sites', { name: 'Osaka', kind: 'branch' });
    expect(ok.statusCode).toBe(201);
  });

  it('publishes an OpenAPI 3 document', async () => {
    const res = await t.app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });
});

describe('serving the web app', () => {
  it('serves the shell for client routes and problem+json for API misses', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { buildApp } = await import('./app.js');
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>keizoku</title>');
    const app = await buildApp({ db: t.db, config: t.config, logger: false, webRoot });
    try {
      const page = await app.inject('/people/some-client-route');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>keizoku</title>');
      const api = await app.inject('/api/v1/nothing-here');
      expect(api.statusCode).toBe(404);
      expect(api.json().code).toBe('not_found');
      const asset = await app.inject('/assets/missing.js');
      expect(asset.statusCode).toBe(404);
      // No icon in this build: nothing to point /favicon.ico at, but no 404 either.
      expect((await app.inject('/favicon.ico')).statusCode).toBe(204);
    } finally {
      await app.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    }
  });
});

describe('favicon', () => {
  it('points /favicon.ico at the SVG icon the web app ships and its shell links', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { buildApp } = await import('./app.js');
    const source = path.resolve(import.meta.dirname, '../web');
    expect(fs.readFileSync(path.join(source, 'index.html'), 'utf8')).toContain(
      '<link rel="icon" type="image/svg+xml" href="/favicon.svg" />',
    );
    // A web build as Vite makes it: the shell, with public/ copied to the root.
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>keizoku</title>');
    fs.copyFileSync(path.join(source, 'public/favicon.svg'), path.join(webRoot, 'favicon.svg'));
    const app = await buildApp({ db: t.db, config: t.config, logger: false, webRoot });
    try {
      const ico = await app.inject('/favicon.ico');
      expect(ico.statusCode).toBe(301);
      expect(ico.headers.location).toBe('/favicon.svg');
      const svg = await app.inject('/favicon.svg');
      expect(svg.statusCode).toBe(200);
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      expect(svg.body).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
    } finally {
      await app.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    }
  });

  it('answers /favicon.ico without a web build (API only) with no content, not a 404', async () => {
    const res = await t.app.inject('/favicon.ico');
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
  });
});
