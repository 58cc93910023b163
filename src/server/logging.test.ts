import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { newToken } from './ids.js';
import { loggerOptions, scrubUrl } from './logging.js';
import { collectedLines, createTestDb, TestClient, type TestDb } from './test/harness.js';

describe('scrubUrl', () => {
  it('removes long tokens from paths and hides query strings', () => {
    const token = newToken();
    expect(scrubUrl(`/api/v1/invitations/${token}/accept`)).toBe('/api/v1/invitations/[token]/accept');
    expect(scrubUrl(`/invite/${token}?x=1`)).toBe('/invite/[token]?[query]');
    expect(scrubUrl('/api/v1/people/0190a1b2-0000-7000-8000-000000000000')).toBe(
      '/api/v1/people/0190a1b2-0000-7000-8000-000000000000',
    );
  });
});

describe('log redaction', () => {
  function logged(write: (log: pino.Logger) => void): string {
    const { lines, stream } = collectedLines();
    const opts = loggerOptions('info');
    write(pino({ ...(typeof opts === 'object' ? opts : {}) } as pino.LoggerOptions, stream));
    return lines.join('');
  }

  it('removes secrets by field name wherever they sit, and keeps an error code', () => {
    const out = logged((log) => {
      log.info({ password: 'Top-Level-Secret-1' }, 'top');
      log.info({ request: { body: { newPassword: 'Nested-Secret-2', code: '482913' } } }, 'nested');
      log.info({ user: { recoveryCodes: ['abcd-efgh-ijkl'] } }, 'codes');
      log.error({ err: Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }) }, 'x');
    });
    for (const secret of ['Top-Level-Secret-1', 'Nested-Secret-2', '482913', 'abcd-efgh-ijkl'])
      expect(out).not.toContain(secret);
    expect(out).toContain('"code":"SQLITE_BUSY"');
  });
});

describe('structured logs', () => {
  let testDb: TestDb;
  const lines: string[] = [];
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('never contain passwords, session cookies, CSRF tokens or link tokens', async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'trace' });
    const opts = loggerOptions('trace');
    const app = await buildApp({
      db: testDb.db,
      config,
      logger: typeof opts === 'object' ? { ...opts, stream } : opts,
      webRoot: '/nonexistent',
    });
    await app.ready();
    const client = new TestClient(app);
    const password = 'Very-Secret-Password-4711';
    const csrf = await client.csrfToken();
    client.setCookie('keizoku_session', 'session-token-that-must-not-leak');
    await client.post('/api/v1/auth/login', { email: 'nobody@example.test', password });
    const linkToken = newToken();
    await client.get(`/api/v1/invitations/${linkToken}`);
    await app.close();

    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).toContain('/api/v1/invitations/[token]');
    // One line per answered request, with its id, method, scrubbed URL, status and time.
    const completed = lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'request completed' && l.req?.url === '/api/v1/invitations/[token]');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ level: 30, req: { method: 'GET' }, res: { statusCode: 404 } });
    expect(typeof completed[0].reqId).toBe('string');
    expect(completed[0].responseTime).toBeGreaterThan(0);
    for (const secret of [password, 'session-token-that-must-not-leak', csrf, linkToken]) {
      expect(log).not.toContain(secret);
    }
  });
});
