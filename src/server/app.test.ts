import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { createOrgWithUser, withTestApp } from './test/harness.js';

const t = withTestApp();

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

const SOURCE_WEB = path.resolve(import.meta.dirname, '../web');

/** An app serving a web build made of these files (as Vite writes them), removed afterwards. */
async function withWebBuild(
  files: Record<string, string | Buffer>,
  check: (app: FastifyInstance) => Promise<void>,
): Promise<void> {
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-web-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(webRoot, name), content);
  const app = await buildApp({ db: t.db, config: t.config, logger: false, webRoot });
  try {
    await check(app);
  } finally {
    await app.close();
    fs.rmSync(webRoot, { recursive: true, force: true });
  }
}

const SHELL = '<!doctype html><title>keizoku</title>';

describe('serving the web app', () => {
  it('serves the shell for client routes and problem+json for API misses', async () => {
    await withWebBuild({ 'index.html': SHELL }, async (app) => {
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
    });
  });
});

describe('favicon', () => {
  it('points /favicon.ico at the SVG icon the web app ships and its shell links', async () => {
    expect(fs.readFileSync(path.join(SOURCE_WEB, 'index.html'), 'utf8')).toContain(
      '<link rel="icon" type="image/svg+xml" href="/favicon.svg" />',
    );
    // Vite copies public/ to the root of the build.
    const icon = fs.readFileSync(path.join(SOURCE_WEB, 'public/favicon.svg'));
    await withWebBuild({ 'index.html': SHELL, 'favicon.svg': icon }, async (app) => {
      const ico = await app.inject('/favicon.ico');
      expect(ico.statusCode).toBe(301);
      expect(ico.headers.location).toBe('/favicon.svg');
      const svg = await app.inject('/favicon.svg');
      expect(svg.statusCode).toBe(200);
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      expect(svg.body).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
    });
  });

  it('answers /favicon.ico without a web build (API only) with no content, not a 404', async () => {
    const res = await t.app.inject('/favicon.ico');
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
  });
});

describe('compression', () => {
  it('sends JSON answers over 1 KB as brotli or gzip, whichever the client accepts, and small ones as they are', async () => {
    const { client } = await createOrgWithUser(t);
    for (let i = 0; i < 30; i++)
      expect((await client.post('/api/v1/sites', { name: `拠点 ${i}`, kind: 'branch' })).statusCode).toBe(
        201,
      );
    const plain = await client.get('/api/v1/sites');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await client.get('/api/v1/sites', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);

    const gz = await client.get('/api/v1/sites', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());

    // The CSRF token's answer is tiny: it is never compressed, so it cannot leak through sizes.
    const csrf = await client.get('/api/v1/auth/csrf', { 'accept-encoding': 'gzip, br' });
    expect(csrf.statusCode).toBe(200);
    expect(csrf.headers['content-encoding']).toBeUndefined();
  });

  it('does not inflate compressed request bodies: they are refused and nothing is saved', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const body = gzipSync(JSON.stringify({ name: 'Osaka', kind: 'branch' }));
    const res = await client.request('POST', '/api/v1/sites', body, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const sites = await t.db.kysely.selectFrom('sites').select('id').where('org_id', '=', orgId).execute();
    expect(sites).toEqual([]);
  });

  it('serves the web build from the .br or .gz files written beside it, by what the browser accepts', async () => {
    const script = `console.log(${JSON.stringify('継続'.repeat(2000))});`;
    await withWebBuild(
      {
        'index.html': SHELL,
        'app.js': script,
        'app.js.br': brotliCompressSync(script),
        'app.js.gz': gzipSync(script),
      },
      async (app) => {
        const br = await app.inject({ url: '/app.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
        expect(br.headers['content-encoding']).toBe('br');
        expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(script);
        const gz = await app.inject({ url: '/app.js', headers: { 'accept-encoding': 'gzip' } });
        expect(gz.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(script);
        const plain = await app.inject('/app.js');
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.body).toBe(script);
      },
    );
  });
});
