import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('KEIZOKU_WEBHOOK_ALLOW_PRIVATE setting', () => {
  const cfg = (v: string) => loadConfig({ DATA_DIR: '/tmp', KEIZOKU_WEBHOOK_ALLOW_PRIVATE: v });

  it('is empty by default and takes addresses and CIDR ranges, skipping blank entries', () => {
    expect(loadConfig({ DATA_DIR: '/tmp' }).outbound.webhookAllowPrivate).toEqual([]);
    expect(cfg('10.0.0.5, ,192.168.0.0/16,fd00::/8').outbound.webhookAllowPrivate).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      'fd00::/8',
    ]);
  });

  it('refuses anything else, including the proxy presets that TRUST_PROXY takes', () => {
    for (const bad of ['loopback', 'chat.example.jp', '10.0.0.0/33', '::1/129', '10.0.0.0/8/1', '1.2.3'])
      expect(() => cfg(bad), bad).toThrow(/KEIZOKU_WEBHOOK_ALLOW_PRIVATE/);
  });
});

describe('BASE_URL setting', () => {
  it('says whether it was set: without it the address is only a localhost guess', () => {
    expect(loadConfig({ DATA_DIR: '/tmp', PORT: '4000' })).toMatchObject({
      baseUrl: 'http://localhost:4000',
      isBaseUrlSet: false,
    });
    expect(loadConfig({ DATA_DIR: '/tmp', BASE_URL: 'https://bcp.example.jp' })).toMatchObject({
      baseUrl: 'https://bcp.example.jp',
      isBaseUrlSet: true,
    });
  });
});
