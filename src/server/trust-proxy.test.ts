import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { BEHIND_LOOPBACK_PROXY, type TestApp, TestClient, withTestApp } from './test/harness.js';

/**
 * The client address (rate limits, lockout audit entries, logs) comes from the connection unless
 * TRUST_PROXY names the proxies allowed to say otherwise in X-Forwarded-For.
 */

const API = '/api/v1';
const plain = withTestApp();
// app.inject connects from 127.0.0.1: here that is the reverse proxy.
const behindProxy = withTestApp(BEHIND_LOOPBACK_PROXY);

const login = (c: TestClient, i: number, headers: Record<string, string>) =>
  c.post(`${API}/auth/login`, { email: `nobody${i}@example.test`, password: 'whatever pass' }, headers);

async function lastLoginFailureIp(t: TestApp): Promise<unknown> {
  const row = await t.db.kysely
    .selectFrom('audit_log')
    .select('summary')
    .where('action', '=', 'auth.login_failed')
    .orderBy('at', 'desc')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  return /"ip":"([^"]*)"/.exec(row.summary)?.[1];
}

describe('client address without TRUST_PROXY', () => {
  it('keeps limiting logins when each attempt claims another X-Forwarded-For', async () => {
    const c = new TestClient(plain.app);
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push((await login(c, i, { 'x-forwarded-for': `198.51.100.${i + 1}` })).statusCode);
    expect(codes.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(codes[30]).toBe(429);
  });

  it('records the connection address, not the header, in the audit log', async () => {
    const c = new TestClient(plain.app);
    await c.post(
      `${API}/auth/login`,
      { email: 'nobody@example.test', password: 'wrong password here' },
      { 'x-forwarded-for': '203.0.113.9' },
    );
    expect(await lastLoginFailureIp(plain)).toBe('127.0.0.1');
  });
});

describe('client address with TRUST_PROXY', () => {
  it('takes the address the trusted proxy forwards, and limits per that address', async () => {
    const c = new TestClient(behindProxy.app);
    await c.post(
      `${API}/auth/login`,
      { email: 'nobody@example.test', password: 'wrong password here' },
      { 'x-forwarded-for': '203.0.113.9' },
    );
    expect(await lastLoginFailureIp(behindProxy)).toBe('203.0.113.9');
    // Distinct forwarded addresses are distinct clients behind a trusted proxy.
    for (let i = 0; i < 31; i++)
      expect((await login(c, i, { 'x-forwarded-for': `198.51.100.${i + 1}` })).statusCode).toBe(401);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const csrf = await behindProxy.app.inject({ url: `${API}/auth/csrf`, remoteAddress: '192.0.2.50' });
    const secret = csrf.cookies.find((x) => x.name === '_csrf')?.value ?? '';
    const res = await behindProxy.app.inject({
      method: 'POST',
      url: `${API}/auth/login`,
      remoteAddress: '192.0.2.50',
      headers: {
        'x-forwarded-for': '203.0.113.10',
        'x-csrf-token': csrf.json().token,
        cookie: `_csrf=${secret}`,
      },
      payload: { email: 'nobody@example.test', password: 'wrong password here' },
    });
    expect(res.statusCode).toBe(401);
    expect(await lastLoginFailureIp(behindProxy)).toBe('192.0.2.50');
  });
});

describe('TRUST_PROXY setting', () => {
  const cfg = (v?: string) =>
    loadConfig({ DATA_DIR: '/tmp', ...(v === undefined ? {} : { TRUST_PROXY: v }) });

  it('is off by default and when empty', () => {
    expect(cfg().trustProxy).toBe(false);
    expect(cfg('').trustProxy).toBe(false);
    expect(cfg('  ').trustProxy).toBe(false);
  });

  it('takes a list of proxy addresses and CIDR ranges', () => {
    expect(cfg('127.0.0.1, 10.0.0.0/8,::1, fd00::/8,loopback').trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses anything else, including a blanket true and a hop count that checks no address', () => {
    for (const bad of ['true', '1', '0', 'yes', 'proxy.example.jp', '10.0.0.0/33', '1.2.3', '::1/129', '1.5'])
      expect(() => cfg(bad), bad).toThrow(/TRUST_PROXY/);
  });
});
