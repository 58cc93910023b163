import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  interface FastifyRequest {
    /** The version the client edited, from If-Match; set on routes declaring `config.ifMatch`. */
    ifMatch: number;
  }
}

type Declared = 'etag' | 'ifMatch' | 'ifNoneMatch';

/**
 * A route that uses a conditional header by hand must say so in its config, which is what the
 * OpenAPI document declares: an undeclared use fails loudly, on the route's first test.
 */
export function assertDeclared(request: FastifyRequest, what: Declared): void {
  if (request.routeOptions.config?.[what] !== true)
    throw new Error(
      `${request.method} ${request.routeOptions.url} uses ${what} without declaring config.${what}`,
    );
}

/**
 * The one place an answer gets its ETag, on a route that declares `config.etag`: the entity's
 * version (set by the hook below) or the tag of a prepared answer (http/prepared-json.ts).
 */
export function setEntityTag(request: FastifyRequest, reply: FastifyReply, tag: string | number): void {
  assertDeclared(request, 'etag');
  reply.header('etag', `"${tag}"`);
}

/**
 * The version a client says it edited, from `If-Match: "3"` (or W/"3"). Updates without it are
 * refused: concurrent edits must never silently overwrite each other.
 */
function readIfMatch(request: FastifyRequest): number {
  const raw = request.headers['if-match'];
  const m = typeof raw === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim()) : null;
  if (!m?.[1]) throw new AppError(428, 'version_conflict');
  const version = Number(m[1]);
  // Versions live in an integer column: a larger one matches no row, and PostgreSQL would fail
  // the comparison itself (out of range) instead of finding nothing.
  if (version > INTEGER_COLUMN_MAX) throw new AppError(412, 'version_conflict');
  return version;
}

/**
 * Optimistic concurrency for every route, from what it declares in its config (and so in the
 * OpenAPI document, http/openapi.ts):
 * - `ifMatch`: before the handler, the If-Match version is read into `request.ifMatch` (428
 *   without one); the service compares it with the row (412 `version_conflict` when stale).
 * - `etag`: a successful answer carries the returned entity's version as its ETag, to send back
 *   in If-Match. An answer without a version on such a route is a programming error (500).
 * Runs after the access check (onRequest) and validation, as a handler's own check would.
 */
export function installConcurrency(app: FastifyInstance): void {
  app.decorateRequest('ifMatch', 0);
  // Sync hooks (run on every request): a promise each costs more than the check.
  app.addHook('preHandler', (request, _reply, done) => {
    if (!request.routeOptions.config?.ifMatch) return done();
    try {
      request.ifMatch = readIfMatch(request);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
  app.addHook('preSerialization', (request, reply, payload: unknown, done) => {
    if (!request.routeOptions.config?.etag || reply.statusCode >= 300) return done(null, payload);
    const version =
      typeof payload === 'object' && payload !== null && 'version' in payload ? payload.version : undefined;
    if (typeof version !== 'number')
      return done(
        new Error(
          `${request.method} ${request.routeOptions.url} declares config.etag but answered no version`,
        ),
      );
    try {
      setEntityTag(request, reply, version);
    } catch (err) {
      return done(err as Error);
    }
    done(null, payload);
  });
}
