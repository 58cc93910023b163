import { createHash, randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

/** UUIDv7: time-ordered, sorts the same as text on both engines. */
export const newId = (): string => v7();

/** Current time as UTC ISO-8601 text (the only time format stored). */
export const nowIso = (): string => new Date().toISOString();

/** 256-bit random token for cookies and links, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');
