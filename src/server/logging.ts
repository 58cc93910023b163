import type { FastifyServerOptions } from 'fastify';

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

/**
 * pino options: structured JSON, and nothing secret — cookies, authorization headers, CSRF tokens
 * and any body or field named like a password, token or secret are removed before writing.
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
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
        '*.code',
        '*.secret',
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
