import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, FieldIssue, Problem } from '../../shared/problem.js';
import { DomainError, type ErrorKind } from '../errors.js';

/**
 * An HTTP-level refusal with its status, for the HTTP layer and routes (access checks, a missing
 * upload). Services, repos and `db/` throw `DomainError`s (`src/server/errors.ts`) instead.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>,
    readonly issues?: FieldIssue[],
  ) {
    super(code);
  }
}

/** The one place a domain error's kind becomes an HTTP status. */
const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  stale: 412,
  unprocessable: 422,
  locked: 423,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The problem body of a code; never carries `detail` or `instance`, so nothing sent is repeated. */
function problemBody(
  status: number,
  code: ErrorCode,
  extra: Pick<Problem, 'params' | 'issues'> = {},
): Problem {
  return {
    type: `https://keizoku.invalid/problems/${code}`,
    title: TITLES[status] ?? http.STATUS_CODES[status] ?? 'Error',
    status,
    code,
    ...extra,
  };
}

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  extra: Pick<Problem, 'params' | 'issues'> = {},
): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problemBody(status, code, extra));
}

interface ZodLikeIssue {
  path?: PropertyKey[];
  code?: string;
  message?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
  /** A custom issue's own values for its message (e.g. { character: 'U+202E' }). */
  params?: Record<string, string | number>;
}

/** Field issues from a zod error, without echoing the submitted values back. */
function toFieldIssues(issues: ZodLikeIssue[], prefix: PropertyKey[] = []): FieldIssue[] {
  return issues.map((i) => {
    const params: Record<string, string | number> = { ...i.params };
    if (i.minimum !== undefined) params.minimum = Number(i.minimum);
    if (i.maximum !== undefined) params.maximum = Number(i.maximum);
    // Unknown keys are not named: they are the client's own words (and a query may hold hundreds).
    const custom = i.code === 'custom' && i.message ? i.message : undefined;
    return {
      path: [...prefix, ...(i.path ?? [])].map((p) => (typeof p === 'number' ? p : String(p))),
      code: custom ?? i.code ?? 'invalid',
      ...(Object.keys(params).length ? { params } : {}),
    };
  });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainError || err instanceof AppError) {
      const status = err instanceof DomainError ? STATUS_OF_KIND[err.kind] : err.status;
      return sendProblem(reply, status, err.code, { params: err.params, issues: err.issues });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const part = err.validationContext ?? 'body';
      // fastify-type-provider-zod reshapes each zod issue: code → keyword, path → instancePath.
      const issues = toFieldIssues(
        err.validation.map((v) => ({
          ...(v.params as ZodLikeIssue),
          code: v.keyword,
          message: v.message,
          path: v.instancePath.split('/').filter(Boolean),
        })),
        part === 'body' ? [] : [part],
      );
      return sendProblem(reply, 400, 'validation_failed', { issues });
    }
    const known = frameworkProblem(err);
    if (known) return sendProblem(reply, known.status, known.code);
    // The client gets a code only; the log gets the error (pino redaction keeps secrets out).
    request.log.error({ err }, 'unhandled error');
    return sendProblem(reply, 500, 'internal_error');
  });
}

/** Framework and plugin errors (FST_*, body parsing, multipart, CSRF) by their code. */
const BY_ERROR_CODE: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_CSRF_INVALID_TOKEN: { status: 403, code: 'csrf_invalid' },
  FST_CSRF_MISSING_SECRET: { status: 403, code: 'csrf_invalid' },
  FST_ERR_BAD_URL: { status: 400, code: 'malformed_url' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri_too_long' },
};

/** Any other client error by its status; a status not listed here answers `bad_request`. */
const BY_STATUS: Record<number, ErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
};

/** The status and code for an error the framework or a plugin raised; null for a server fault. */
function frameworkProblem(err: {
  code?: string;
  statusCode?: number;
}): { status: number; code: ErrorCode } | null {
  const known = err.code ? BY_ERROR_CODE[err.code] : undefined;
  if (known) return known;
  const status = err.statusCode;
  if (status && status >= 400 && status < 500) return { status, code: BY_STATUS[status] ?? 'bad_request' };
  return null;
}

/**
 * Fastify's `frameworkErrors`: refusals raised while routing, before any hook or error handler
 * (bad percent-encoding, a path parameter over the length limit), which Fastify would otherwise
 * answer with its own JSON quoting the URL.
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = frameworkProblem(err) ?? { status: 500, code: 'internal_error' as const };
  if (known.status >= 500) request.log.error({ err }, 'framework error');
  sendProblem(reply, known.status, known.code);
}

/**
 * Fastify's `clientErrorHandler`: requests the HTTP parser refuses before Fastify sees them
 * (unreadable request line, header or Content-Length, headers or URL over the size limit, a client
 * too slow to send its request). Answered on the socket as problem+json, then closed.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  err: Error & { code?: string },
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code]: [number, ErrorCode] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout']
        : [400, 'bad_request'];
  this.log.debug({ code: err.code }, 'client error');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(problemBody(status, code));
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
