import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, FieldIssue, Problem } from '../../shared/problem.js';

/** Throw from a service or route to answer with a problem+json of this code. */
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

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  extra: Pick<Problem, 'params' | 'issues'> = {},
): FastifyReply {
  const body: Problem = {
    type: `https://keizoku.invalid/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    ...extra,
  };
  return reply.code(status).type('application/problem+json').send(body);
}

interface ZodLikeIssue {
  path?: PropertyKey[];
  code?: string;
  message?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: string[];
  values?: unknown[];
  /** A custom issue's own values for its message (e.g. { character: 'U+202E' }). */
  params?: Record<string, string | number>;
}

/** Field issues from a zod error, without echoing the submitted values back. */
export function toFieldIssues(issues: ZodLikeIssue[], prefix: PropertyKey[] = []): FieldIssue[] {
  return issues.map((i) => {
    const params: Record<string, string | number> = { ...i.params };
    if (i.minimum !== undefined) params.minimum = Number(i.minimum);
    if (i.maximum !== undefined) params.maximum = Number(i.maximum);
    if (i.keys) params.keys = i.keys.join(', ');
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
    if (err instanceof AppError) {
      return sendProblem(reply, err.status, err.code, { params: err.params, issues: err.issues });
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
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, 400, 'malformed_json');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return sendProblem(reply, 413, 'payload_too_large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return sendProblem(reply, 415, 'unsupported_media_type');
      case 'FST_CSRF_INVALID_TOKEN':
      case 'FST_CSRF_MISSING_SECRET':
        return sendProblem(reply, 403, 'csrf_invalid');
    }
    if (err.statusCode === 429) return sendProblem(reply, 429, 'rate_limited');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, err.statusCode, err.statusCode === 404 ? 'not_found' : 'validation_failed');
    }
    // The client gets a code only; the log gets the error (pino redaction keeps secrets out).
    request.log.error({ err }, 'unhandled error');
    return sendProblem(reply, 500, 'internal_error');
  });
}
