import { randomInt } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { sha256Hex } from '../ids.js';

/** TOTP (RFC 6238: SHA-1, 6 digits, 30 s) and one-time recovery codes. */

const TOTP_PERIOD = 30;
const ISSUER = 'keizoku';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = ''): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

export function otpauthUrl(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The time step a code belongs to when it is valid now (±1 step for clock drift), else null.
 * Callers refuse a step at or below the last accepted one, so a code works once.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_PERIOD) + delta;
}

// No 0/O, 1/l/I: codes get read off paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A recovery code like `k7m2p-x9qrt`. */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** Hash of a recovery code as typed: case, spaces and dashes do not matter. */
export function hashRecoveryCode(code: string): string {
  return sha256Hex(code.toLowerCase().replace(/[\s-]+/g, ''));
}

/** True when the text looks like a TOTP code rather than a recovery code. */
export const looksLikeTotp = (code: string): boolean => /^\d{6}$/.test(code.replace(/\s+/g, ''));
