import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { assertDeclared } from '../../http/concurrency.js';

/**
 * A large JSON answer made once and sent many times: checked against its response schema (as the
 * route serializer would), serialized, gzip-compressed, and tagged. Serve it with
 * `sendPreparedJson`, which answers `If-None-Match` with 304 and gzip to clients that accept it.
 */
export interface PreparedJson {
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

const gzipAsync = promisify(gzip);

// Another process (new code, new content files) may present the same data differently.
const PROCESS_TAG = randomBytes(9).toString('base64url');

/**
 * @param identity what the content is a function of, e.g. `bia:<org id>:<revision>`; the ETag is
 *   derived from it (and this process), so equal identities must mean equal content.
 */
export async function prepareJson<S extends z.ZodType>(
  schema: S,
  value: z.output<S>,
  identity: string,
): Promise<PreparedJson> {
  const json = Buffer.from(JSON.stringify(schema.encode(value)));
  const digest = createHash('sha256').update(`${PROCESS_TAG}\n${identity}`).digest('base64url');
  return { etag: `"${digest.slice(0, 32)}"`, json, gzip: await gzipAsync(json) };
}

/** True when the header lists the tag (weak comparison, RFC 9110 §13.1.2) or is `*`. */
function matchesTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/** True when Accept-Encoding allows gzip (named or `*`, with q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export function sendPreparedJson(request: FastifyRequest, reply: FastifyReply, body: PreparedJson) {
  assertDeclared(request, 'etag');
  assertDeclared(request, 'ifNoneMatch');
  // private: the answer belongs to the caller's organization; no-cache: revalidate every time.
  reply
    .header('etag', body.etag)
    .header('cache-control', 'private, no-cache')
    .header('vary', 'accept-encoding');
  if (matchesTag(request.headers['if-none-match'], body.etag)) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  if (acceptsGzip(request.headers['accept-encoding']))
    return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.json);
}
