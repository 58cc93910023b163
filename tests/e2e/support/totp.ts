import * as OTPAuth from 'otpauth';

/** What an authenticator app shows for this secret (RFC 6238, SHA-1, 6 digits, 30 s). */
function totp(secretBase32: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/**
 * The code for `stepsAhead` periods from now. The server accepts ±1 step and never the same step
 * twice, so a later sign-in uses the next step's code instead of waiting up to 30 s.
 */
export function totpCode(secretBase32: string, stepsAhead = 0): string {
  return totp(secretBase32).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** A six-digit code that is certainly not valid now (differs from the codes of steps -1, 0, +1). */
export function wrongTotpCode(secretBase32: string): string {
  const valid = new Set([-1, 0, 1].map((d) => totpCode(secretBase32, d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}
