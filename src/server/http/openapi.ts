import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../security/sessions.js';

/** The double-submit CSRF secret cookie (@fastify/csrf-protection's default name). */
const CSRF_COOKIE = '_csrf';
const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** How a client authenticates, as the OpenAPI document declares it. */
export const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'Server-side session, set by POST /api/v1/auth/login (or /setup, /invitations/{token}/accept).',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description: `Required on every POST, PUT, PATCH and DELETE: the token from GET /api/v1/auth/csrf, sent together with the ${CSRF_COOKIE} cookie that answer sets.`,
  },
  csrfSecret: {
    type: 'apiKey',
    in: 'cookie',
    name: CSRF_COOKIE,
    description: 'The CSRF secret cookie set by GET /api/v1/auth/csrf; sent back as it is.',
  },
} as const;

/** What of a route's headers schema (JSON Schema, as jsonSchemaTransform made it) is extended. */
const JsonObjectSchema = z.looseObject({
  properties: z.record(z.string(), z.unknown()).optional(),
  required: z.array(z.string()).optional(),
});
type JsonObjectSchema = z.infer<typeof JsonObjectSchema>;

/** A route's responses by status, each a JSON Schema that may already declare headers. */
const ResponsesSchema = z.record(
  z.string(),
  z.looseObject({ headers: z.record(z.string(), z.unknown()).optional() }),
);

function withHeader(
  headers: unknown,
  name: string,
  schema: Record<string, unknown>,
  required: boolean,
): JsonObjectSchema {
  const base = JsonObjectSchema.safeParse(headers).data ?? {};
  return {
    ...base,
    type: 'object',
    properties: { ...(base.properties ?? {}), [name]: schema },
    ...(required ? { required: [...(base.required ?? []), name] } : {}),
  };
}

const ETAG_HEADER = {
  type: 'string',
  description: 'The version of what is returned, quoted (e.g. "3"); send it back in If-Match to update it.',
};

/**
 * jsonSchemaTransform (zod → JSON Schema), plus what a generated client needs beyond the body:
 * the security each route takes from its `config.access` and method (public routes no session;
 * every unsafe method the CSRF pair), and the conditional headers it declares in its config
 * (`ifMatch`, `ifNoneMatch`, `etag`): the same declarations drive http/concurrency.ts, which reads
 * If-Match and sets the ETag, so the document and the behaviour cannot drift apart.
 */
export function openapiTransform(arg: Parameters<typeof jsonSchemaTransform>[0]) {
  const result = jsonSchemaTransform(arg);
  const schema: FastifySchema & {
    hide?: unknown;
    security?: readonly Readonly<Record<string, readonly string[]>>[];
  } = {
    ...result.schema,
  };
  if (schema.hide) return result;
  const { route } = arg;
  const config = route.config ?? {};
  const methods = [route.method].flat();
  const requirement: Record<string, string[]> = {};
  if (config.access && config.access !== 'public') requirement.session = [];
  if (methods.some((m) => UNSAFE.has(m))) {
    requirement.csrfToken = [];
    requirement.csrfSecret = [];
  }
  schema.security = Object.keys(requirement).length ? [requirement] : [];

  if (config.ifMatch)
    schema.headers = withHeader(
      schema.headers,
      'if-match',
      {
        type: 'string',
        description:
          'The version being edited, as its ETag gave it (e.g. "3"). Missing: 428; no longer current: 412 version_conflict.',
      },
      true,
    );
  if (config.ifNoneMatch)
    schema.headers = withHeader(
      schema.headers,
      'if-none-match',
      {
        type: 'string',
        description: 'An ETag from an earlier answer: 304 without a body while it is current.',
      },
      false,
    );
  const responses = ResponsesSchema.safeParse(schema.response);
  if (config.etag && responses.success) {
    const response = responses.data;
    schema.response = response;
    for (const [status, def] of Object.entries(response))
      if (/^2/.test(status))
        response[status] = { ...def, headers: { ...(def.headers ?? {}), ETag: ETAG_HEADER } };
    if (config.ifNoneMatch)
      response['304'] = { description: 'Not modified: the If-None-Match ETag is current.', type: 'null' };
  }
  return { ...result, schema };
}
