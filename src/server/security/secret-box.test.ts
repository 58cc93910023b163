import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCode, newTotpSecret, totpStep } from './mfa.js';
import { decryptSecret, encryptSecret, secretKey } from './secret-box.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('secret box', () => {
  it('creates a 0600 key file once and round-trips secrets with AES-256-GCM', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-key-'));
    dirs.push(dir);
    const saved = process.env.KEIZOKU_SECRET_KEY;
    delete process.env.KEIZOKU_SECRET_KEY;
    try {
      const key = secretKey(dir);
      const file = path.join(dir, 'secret.key');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(key).toHaveLength(32);
      const sealed = encryptSecret(key, 'JBSWY3DPEHPK3PXP');
      expect(sealed).toMatch(/^v1:/);
      expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
      expect(encryptSecret(key, 'JBSWY3DPEHPK3PXP')).not.toBe(sealed); // fresh IV each time
      expect(decryptSecret(key, sealed)).toBe('JBSWY3DPEHPK3PXP');
      expect(() => decryptSecret(randomBytes(32), sealed)).toThrow();
      const tampered = `v1:${Buffer.from(Buffer.from(sealed.slice(3), 'base64').map((b, i) => (i === 30 ? b ^ 1 : b))).toString('base64')}`;
      expect(() => decryptSecret(key, tampered)).toThrow();
    } finally {
      if (saved !== undefined) process.env.KEIZOKU_SECRET_KEY = saved;
    }
  });
});

describe('TOTP and recovery codes', () => {
  it('accepts the current code and one step either side, nothing further', () => {
    const secret = newTotpSecret();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(totpStep(secret, totp.generate({ timestamp: now }), now)).toBe(step);
    expect(totpStep(secret, totp.generate({ timestamp: now - 30_000 }), now)).toBe(step - 1);
    expect(totpStep(secret, totp.generate({ timestamp: now + 30_000 }), now)).toBe(step + 1);
    expect(totpStep(secret, totp.generate({ timestamp: now + 90_000 }), now)).toBeNull();
    expect(totpStep(secret, 'abcdef', now)).toBeNull();
  });

  it('makes distinct recovery codes whose hash ignores case, spaces and dashes', () => {
    const codes = new Set(Array.from({ length: 50 }, newRecoveryCode));
    expect(codes.size).toBe(50);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode('ABCDE-FGHJK')).toBe(hashRecoveryCode(' abcde fghjk '));
    expect(hashRecoveryCode('abcde-fghjk')).not.toBe(hashRecoveryCode('abcde-fghjm'));
  });
});
