import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import { SECRET_FIELDS } from './secret-fields.js';

// Long opaque path segments are tokens (invitation or responder links): never log them.
// Record ids (UUIDs) stay readable.
const TOKEN_SEGMENT = /\/([A-Za-z0-9_-]{32,})(?=\/|$|\?)/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function scrubUrl(url: string): string {
  const [p = ''] = url.split('?');
  return (
    p.replace(TOKEN_SEGMENT, (seg, value: string) => (UUID.test(value) ? seg : '/[token]')) +
    (url.includes('?') ? '?[query]' : '')
  );
}

// pino matches paths, not names: each secret field is listed at every depth a log line reaches.
// A one-time MFA code is secret only where a request body carries it; an error's `code` is not.
const SECRET_PATHS = [...SECRET_FIELDS].flatMap((name) => [
  name,
  `*.${name}`,
  `*.*.${name}`,
  `*.*.*.${name}`,
]);

/**
 * pino options: structured JSON, and nothing secret — cookies, authorization headers, CSRF tokens,
 * one-time codes in request bodies and every field on the secret list (secret-fields.ts) are
 * removed before writing.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'body.code',
        '*.body.code',
        ...SECRET_PATHS,
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: scrubUrl(req.url),
        ip: req.ip,
      }),
    },
  };
}

type Logger = FastifyRequest['log'];

/**
 * One log line per request, when it is answered: method, scrubbed URL, caller's address, status
 * and time ("request completed", or "request errored" with the error). Fastify's default writes a
 * second line on arrival; each line is redacted field by field, so that doubled the logging cost
 * of every answer.
 *
 * A completed request's line holds only what the serializers make of it (method, scrubbed URL,
 * address; status) and numbers, never a body, a header or a cookie, so it goes through a child of
 * the server's logger without the redaction (pino runs every wildcard path over every field of a
 * line: a third of `/healthz`'s CPU in bench:floor's profile). An errored request's line carries
 * the error, so it keeps the redaction.
 */
export class OneLinePerRequest extends LogController {
  readonly #plain = new WeakMap<Logger, Logger>();

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    if (error) {
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
      return;
    }
    this.#unredacted(request.server.log).info(
      { reqId: request.id, req: request, res: reply, responseTime: reply.elapsedTime },
      'request completed',
    );
  }

  #unredacted(root: Logger): Logger {
    let log = this.#plain.get(root);
    if (!log) {
      log = root.child({}, { redact: [] });
      this.#plain.set(root, log);
    }
    return log;
  }
}
