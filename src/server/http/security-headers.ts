import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers of every answer (CSP, frame and sniffing protections, HSTS behind https),
 * written by helmet ONCE at start-up into a list, then copied onto each answer. The
 * per-request plugin (@fastify/helmet) rebuilt helmet and parsed the CSP on every request, in two
 * async hooks: about a tenth of a bare request's cost for the same bytes.
 */
export function securityHeaders(secure: boolean): ReadonlyArray<readonly [string, string]> {
  const options: HelmetOptions = {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
  };
  const headers = new Map<string, string>();
  // helmet's middleware only calls setHeader/removeHeader on the response (no directive here
  // depends on the request), so a recording stand-in captures exactly what it would send.
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  if (!headers.has('content-security-policy')) throw new Error('helmet wrote no content security policy');
  return [...headers];
}

/**
 * Puts the headers on the raw response, where every later answer keeps them (a handler's own
 * `reply.header`, e.g. the printable plan's CSP, still wins), errors and 404s included.
 */
export function applySecurityHeaders(
  reply: FastifyReply,
  headers: ReadonlyArray<readonly [string, string]>,
): void {
  const raw = reply.raw;
  for (const [name, value] of headers) raw.setHeader(name, value);
}
