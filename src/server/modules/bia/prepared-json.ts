import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { assertDeclared } from '../../http/concurrency.js';

/**
 * A large JSON answer made once and sent many times: checked against its response schema (as the
 * route serializer would), serialized, gzip-compressed once, and tagged. Compressing 9 MB on every
 * request, as @fastify/compress would, costs more than the whole warm request may take.
 * Send it with `sendPreparedJson` from a context where @fastify/etag is registered: the plugin
 * keeps the ETag set here and answers a matching If-None-Match with 304.
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

/**
 * The prepared gzip to clients that accept it (negotiated as @fastify/compress does, which leaves
 * an answer that already has a Content-Encoding alone), else the JSON as it is.
 */
export function sendPreparedJson(request: FastifyRequest, reply: FastifyReply, body: PreparedJson) {
  assertDeclared(request, 'etag');
  assertDeclared(request, 'ifNoneMatch');
  // private: the answer belongs to the caller's organization; no-cache: revalidate every time.
  reply
    .header('etag', body.etag)
    .header('cache-control', 'private, no-cache')
    .header('vary', 'accept-encoding')
    .type('application/json; charset=utf-8');
  const accepted = request.headers['accept-encoding'];
  if (accepted && negotiate(accepted.toLowerCase(), ['gzip']) === 'gzip')
    return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.json);
}
