import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../shared/problem.js';
import { BODY_LIMIT, buildApp } from './app.js';
import { withOwnerApp } from './test/harness.js';

/**
 * Every refusal the server can give, the framework's own included (routing, body parsing, the HTTP
 * parser), is application/problem+json with a stable code, and repeats nothing that was sent: no
 * URL, no piece of the body, no header value.
 */

const t = withOwnerApp();
let web: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-web-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>keizoku</title>');
  web = await buildApp({ db: t.db, config: t.config, logger: false, webRoot });
  await web.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await web.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

/** A marker unlike anything the server writes; each request carries it wherever it can. */
const MARK = 'Zq7echoMark';

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

function expectCleanProblem(label: string, res: Answer, status: number, code: string): void {
  const where = `${label}: ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBe(status);
  expect(String(res.headers['content-type']), where).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body);
  expect(body.code, where).toBe(code);
  expect(body.status, where).toBe(status);
  expect(ERROR_CODES as readonly string[], where).toContain(code);
  expect(Object.keys(body).sort(), where).toEqual(
    expect.arrayContaining(['code', 'status', 'title', 'type']),
  );
  expect(body.detail, where).toBeUndefined();
  expect(body.instance, where).toBeUndefined();
  const everything = `${res.body}\n${JSON.stringify(res.headers)}`.toLowerCase();
  expect(everything, where).not.toContain(MARK.toLowerCase());
  expect(everything, where).not.toContain('fst_');
}

const csrfHeaders = async (): Promise<Record<string, string>> => ({
  'x-csrf-token': await t.owner.client.csrfToken(),
  cookie: [...t.owner.client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
});

async function injected(opts: InjectOptions, signedIn = false): Promise<Answer> {
  const headers = { ...(signedIn ? await csrfHeaders() : {}), ...(opts.headers ?? {}) };
  const res = await t.app.inject({ ...opts, headers });
  return { statusCode: res.statusCode, headers: res.headers, body: res.body };
}

describe('framework refusals through the app', () => {
  it('a path parameter over the length limit: 414 uri_too_long', async () => {
    const res = await injected({ url: `/api/v1/sites/${MARK}${'a'.repeat(300)}` }, true);
    expectCleanProblem('long param', res, 414, 'uri_too_long');
  });

  it('unknown routes, API and not: 404 not_found', async () => {
    expectCleanProblem('api', await injected({ url: `/api/v1/${MARK}?q=${MARK}` }, true), 404, 'not_found');
    expectCleanProblem('page', await injected({ url: `/${MARK}/page` }), 404, 'not_found');
    expectCleanProblem('post', await injected({ method: 'POST', url: `/${MARK}` }), 404, 'not_found');
    const asset = await web.inject({ url: `/assets/${MARK}.js` });
    expectCleanProblem('asset', asset, 404, 'not_found');
  });

  it('a known path with a method it does not take: 405 method_not_allowed with Allow', async () => {
    const del = await injected({ method: 'DELETE', url: `/api/v1/auth/csrf?${MARK}=1` }, true);
    expectCleanProblem('delete', del, 405, 'method_not_allowed');
    expect(del.headers.allow).toBe('GET, HEAD');
    const put = await injected({ method: 'PUT', url: '/api/v1/sites', payload: { name: MARK } }, true);
    expectCleanProblem('put', put, 405, 'method_not_allowed');
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    const propfind = await injected({ method: 'PROPFIND', url: '/api/v1/sites/123' }, true);
    expectCleanProblem('propfind', propfind, 405, 'method_not_allowed');
  });

  it('an unsupported media type: 415', async () => {
    const res = await injected(
      {
        method: 'POST',
        url: '/api/v1/sites',
        payload: MARK,
        headers: { 'content-type': `application/x-${MARK}` },
      },
      true,
    );
    expectCleanProblem('415', res, 415, 'unsupported_media_type');
  });

  it('a body over the limit: 413', async () => {
    const res = await injected(
      {
        method: 'POST',
        url: '/api/v1/sites',
        payload: JSON.stringify({ name: MARK.repeat(BODY_LIMIT / MARK.length + 10) }),
        headers: { 'content-type': 'application/json' },
      },
      true,
    );
    expectCleanProblem('413', res, 413, 'payload_too_large');
  });

  it('invalid and empty JSON bodies: 400 malformed_json', async () => {
    for (const payload of [`{"name": "${MARK}`, `{${MARK}}`, '']) {
      const res = await injected(
        { method: 'POST', url: '/api/v1/sites', payload, headers: { 'content-type': 'application/json' } },
        true,
      );
      expectCleanProblem(`json ${JSON.stringify(payload)}`, res, 400, 'malformed_json');
    }
  });

  it('a body shorter than its Content-Length: 400 bad_request', async () => {
    const res = await injected(
      {
        method: 'POST',
        url: '/api/v1/sites',
        payload: `{"name":"${MARK}"}`,
        headers: { 'content-type': 'application/json', 'content-length': '500' },
      },
      true,
    );
    expectCleanProblem('content-length', res, 400, 'bad_request');
  });

  it('invalid percent-encoding in the path: 400 malformed_url', async () => {
    expectCleanProblem(
      'api',
      await injected({ url: `/api/v1/sites/%zz${MARK}` }, true),
      400,
      'malformed_url',
    );
    expectCleanProblem('page', await injected({ url: `/%E0%A4%A${MARK}` }), 400, 'malformed_url');
  });

  it('too many query parameters, each unknown: 400 validation_failed, naming none of them', async () => {
    const query = Array.from({ length: 300 }, (_, i) => `${MARK}${i}=${MARK}`).join('&');
    const res = await injected({ url: `/api/v1/sites?${query}` }, true);
    expectCleanProblem('query', res, 400, 'validation_failed');
  });

  it('a multipart upload with too many parts: 413', async () => {
    const boundary = 'b0undary';
    const part = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${MARK}\r\n`;
    const payload = `${Array.from({ length: 12 }, (_, i) => part(`${MARK}${i}`)).join('')}--${boundary}--\r\n`;
    const res = await injected(
      {
        method: 'POST',
        url: '/api/v1/people/imports',
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      },
      true,
    );
    expectCleanProblem('parts', res, 413, 'payload_too_large');
  });
});

function parseRaw(text: string): Answer {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

/** Sends raw bytes to the listening server and reads the whole answer (Connection: close). */
function raw(request: string): Promise<Answer> {
  const { port } = web.server.address() as net.AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseRaw(Buffer.concat(chunks).toString('utf8'))));
    socket.end(request);
  });
}

describe('refusals from the HTTP parser, before any route', () => {
  it('headers over the size limit: 431 headers_too_large', async () => {
    const res = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${MARK.repeat(3000)}\r\n\r\n`);
    expectCleanProblem('431', res, 431, 'headers_too_large');
  });

  it('a URL over the size limit: 431 headers_too_large', async () => {
    const res = await raw(`GET /${MARK.repeat(3000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectCleanProblem('long url', res, 431, 'headers_too_large');
  });

  it('an unreadable Content-Length, request line or header: 400 bad_request', async () => {
    for (const request of [
      `POST /api/v1/sites HTTP/1.1\r\nHost: x\r\nContent-Length: ${MARK}\r\n\r\n{}`,
      `POST /api/v1/sites HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
      `G@T /${MARK} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /${MARK} HTTP/1.1\r\nHost: x\r\nX-${MARK} y: z\r\n\r\n`,
    ]) {
      expectCleanProblem(JSON.stringify(request.slice(0, 40)), await raw(request), 400, 'bad_request');
    }
  });
});

describe('while the server shuts down', () => {
  it('a request on an open connection: 503 service_unavailable, and the connection closes', async () => {
    const app = await buildApp({ db: t.db, config: t.config, logger: false, webRoot: '/nonexistent' });
    let answer: Answer | undefined;
    const socket = new net.Socket();
    // preClose hooks run after the server stops taking routes, before it closes its connections.
    app.addHook('preClose', async () => {
      answer = await new Promise<Answer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        socket.on('data', (c) => chunks.push(c));
        socket.on('error', reject);
        socket.on('close', () => resolve(parseRaw(Buffer.concat(chunks).toString('utf8'))));
        socket.write(`GET /api/v1/sites?${MARK} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`);
      });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
    await app.close();
    if (!answer) throw new Error('no answer');
    expectCleanProblem('closing', answer, 503, 'service_unavailable');
    expect(String(answer.headers.connection).toLowerCase()).toBe('close');
  });
});
