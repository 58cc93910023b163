import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errnoCode } from '../errno.js';
import { ensurePrivateDir } from '../private-files.js';

/**
 * Encryption at rest for small secrets (TOTP secrets) with AES-256-GCM. The key comes from
 * KEIZOKU_SECRET_KEY (base64 of 32 bytes) or, when unset, from DATA_DIR/secret.key, created with
 * mode 0600 on first use. Losing the key makes stored secrets unreadable: backups carry it in their
 * bundle, and a login whose secret cannot be decrypted is told to use a recovery code instead.
 */

const PREFIX = 'v1:';
const keys = new Map<string, Buffer>();

function keyFromEnv(): Buffer | null {
  const raw = process.env.KEIZOKU_SECRET_KEY;
  if (!raw) return null;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('KEIZOKU_SECRET_KEY must be the base64 of exactly 32 bytes');
  return key;
}

function keyFromFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  ensurePrivateDir(dataDir);
  try {
    // 'wx' fails when the file exists, so two processes never overwrite each other's key.
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key`);
  return key;
}

/** The secret key for this data directory (cached). */
export function secretKey(dataDir: string): Buffer {
  let key = keys.get(dataDir);
  if (!key) {
    key = keyFromEnv() ?? keyFromFile(dataDir);
    keys.set(dataDir, key);
  }
  return key;
}

/** The key in the form DATA_DIR/secret.key holds it (base64). */
export const encodeSecretKey = (key: Buffer): string => key.toString('base64');

/** A key read from a secret.key file, or null when the text is not a base64 32-byte key. */
export function parseSecretKey(text: string): Buffer | null {
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 ? key : null;
}

/** The secret.key file of a data directory. */
export const secretKeyFile = (dataDir: string): string => path.join(dataDir, 'secret.key');

export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The plain secret; throws when the value was altered or encrypted with another key. */
export function decryptSecret(key: Buffer, stored: string): string {
  if (!stored.startsWith(PREFIX)) throw new Error('unknown secret format');
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
