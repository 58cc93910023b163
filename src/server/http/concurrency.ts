import type { FastifyReply, FastifyRequest } from 'fastify';
import { INTEGER_COLUMN_MAX } from '../db/database.js';
import { AppError } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer carries the entity's version as an ETag (declared in the OpenAPI document). */
    etag?: boolean;
    /** The route takes the version edited in If-Match: 428 without it, 412 when stale. */
    ifMatch?: boolean;
    /** The route answers 304 to an If-None-Match that matches its ETag. */
    ifNoneMatch?: boolean;
  }
}

type Declared = 'etag' | 'ifMatch' | 'ifNoneMatch';

/**
 * A route that uses a conditional header must say so in its config, which is what the OpenAPI
 * document declares: an undeclared use fails loudly, on the route's first test.
 */
export function assertDeclared(request: FastifyRequest, what: Declared): void {
  if (request.routeOptions.config?.[what] !== true)
    throw new Error(
      `${request.method} ${request.routeOptions.url} uses ${what} without declaring config.${what}`,
    );
}

/**
 * The version a client says it edited, from `If-Match: "3"` (or W/"3"). Updates without it are
 * refused: concurrent edits must never silently overwrite each other.
 */
export function requireIfMatch(request: FastifyRequest): number {
  assertDeclared(request, 'ifMatch');
  const raw = request.headers['if-match'];
  const m = typeof raw === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim()) : null;
  if (!m?.[1]) throw new AppError(428 as number, 'version_conflict');
  const version = Number(m[1]);
  // Versions live in an integer column: a larger one matches no row, and PostgreSQL would fail
  // the comparison itself (out of range) instead of finding nothing.
  if (version > INTEGER_COLUMN_MAX) throw new AppError(412, 'version_conflict');
  return version;
}

/** Sends the entity's version as its ETag, to send back in If-Match. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, entity: T): T {
  assertDeclared(reply.request, 'etag');
  reply.header('etag', `"${entity.version}"`);
  return entity;
}
