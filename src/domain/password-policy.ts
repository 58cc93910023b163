import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The password rules (PRODUCT principle 4, seed 004): at least 12 characters, at most 256, not a
 * commonly used password, and not the account's e-mail address or its local part. Pure: no I/O.
 */

export const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 256;

type PasswordProblem =
  | 'password_too_short'
  | 'password_too_long'
  | 'password_too_common'
  | 'password_same_as_email';

export interface PasswordVerdict {
  code: PasswordProblem;
  params?: Record<string, number>;
}

/** Long variants people reach for when told "at least 12", which the zxcvbn list lacks. */
const EXTRA_COMMON = [
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'qwertyuiop12',
  'qwertyuiopasdf',
  'qwertyuiopasdfgh',
  'asdfghjkl123',
  'abcdefghijkl',
  'abcdefg12345',
  'abc123456789',
  '123456789012',
  '1234567890ab',
  '111111111111',
  '000000000000',
  'aaaaaaaaaaaa',
  'iloveyou1234',
  'welcome12345',
  'administrator',
  'administrator1',
  'keizokukeizoku',
];

let common: Set<string> | null = null;

/** The bundled list of common passwords (zxcvbn-ts "passwords-common"), lower-cased. */
function commonPasswords(): Set<string> {
  if (!common) {
    common = new Set(
      [...(dictionary['passwords-common'] as string[]), ...EXTRA_COMMON].map((p) => p.toLowerCase()),
    );
  }
  return common;
}

/** True when the password, lower-cased, is on the bundled common-password list. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** Length in characters as a person counts them (code points, so 日本語 counts 3). */
const lengthOf = (s: string): number => [...s].length;

/**
 * The first rule the password breaks, or null when it is acceptable.
 * @example checkPassword('short', 'a@b.jp') // { code: 'password_too_short', params: { minimum: 12 } }
 */
export function checkPassword(password: string, email?: string | null): PasswordVerdict | null {
  const length = lengthOf(password);
  if (length < PASSWORD_MIN_LENGTH)
    return { code: 'password_too_short', params: { minimum: PASSWORD_MIN_LENGTH } };
  if (length > PASSWORD_MAX_LENGTH)
    return { code: 'password_too_long', params: { maximum: PASSWORD_MAX_LENGTH } };
  const lower = password.trim().toLowerCase();
  if (email) {
    const e = email.trim().toLowerCase();
    const local = e.split('@')[0] ?? '';
    if (lower === e || (local !== '' && lower === local)) return { code: 'password_same_as_email' };
  }
  if (isCommonPassword(password) || isCommonPassword(password.trim())) return { code: 'password_too_common' };
  return null;
}
