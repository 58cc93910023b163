import type { FastifyRequest } from 'fastify';
import { INTEGER_COLUMN_MAX } from '../db/database.js';
import { AppError } from './problem.js';

/**
 * The version a client says it edited, from `If-Match: "3"` (or W/"3"). Updates without it are
 * refused: concurrent edits must never silently overwrite each other.
 */
export function requireIfMatch(request: FastifyRequest): number {
  const raw = request.headers['if-match'];
  const m = typeof raw === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim()) : null;
  if (!m?.[1]) throw new AppError(428 as number, 'version_conflict');
  const version = Number(m[1]);
  // Versions live in an integer column: a larger one matches no row, and PostgreSQL would fail
  // the comparison itself (out of range) instead of finding nothing.
  if (version > INTEGER_COLUMN_MAX) throw new AppError(412, 'version_conflict');
  return version;
}
