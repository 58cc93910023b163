import negotiate from '@fastify/accept-negotiator';
import fastifyEtag from '@fastify/etag';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertDeclared, setEntityTag } from './concurrency.js';

/** An answer serialized (and gzip-compressed) ahead of time, with the tag of its content. */
interface Prepared {
  tag: string;
  json: Buffer;
  gzip: Buffer;
}

/**
 * Routes that send prepared answers (`sendPreparedJson`): registered inside `register`, they get
 * @fastify/etag, which keeps the ETag set from the prepared tag and answers a matching
 * If-None-Match with 304 (the plugin is not registered app-wide: it would hash every answer).
 */
export async function withPreparedJson(
  app: FastifyInstance,
  register: (scope: FastifyInstance) => void | Promise<void>,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyEtag);
    // A 304 has no body, so no encoding or type of one (RFC 9110 §15.4.5).
    scope.addHook('onSend', async (_request, reply, payload) => {
      if (reply.statusCode === 304) reply.removeHeader('content-encoding').removeHeader('content-type');
      return payload;
    });
    await register(scope);
  });
}

/**
 * The prepared gzip to clients that accept it (negotiated as @fastify/compress does, which leaves
 * an answer that already has a Content-Encoding alone), else the JSON as it is; the ETag is the
 * prepared tag (the route declares `etag` and `ifNoneMatch`).
 */
export function sendPreparedJson(request: FastifyRequest, reply: FastifyReply, body: Prepared) {
  assertDeclared(request, 'ifNoneMatch');
  setEntityTag(request, reply, body.tag);
  // private: the answer belongs to the caller's organization; no-cache: revalidate every time.
  reply
    .header('cache-control', 'private, no-cache')
    .header('vary', 'accept-encoding')
    .type('application/json; charset=utf-8');
  const accepted = request.headers['accept-encoding'];
  if (accepted && negotiate(accepted.toLowerCase(), ['gzip']) === 'gzip')
    return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.json);
}
