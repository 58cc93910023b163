/**
 * A fast lane in front of Fastify for the few requests that arrive by the hundred thousand: the
 * safety answers everyone sends at once after a disaster (`POST /a/<token>`). Fastify's chain of
 * hooks, plugins and serializers costs a request about four times a bare `node:http` answer
 * before any work is done (`npm run bench:floor`); here the usual request is answered straight
 * from the HTTP server, with the same protections written out once:
 *   - the same security headers (prebuilt, http/security-headers.ts) and `cache-control`;
 *   - the same body limit, JSON parser settings (no prototype poisoning) and client address
 *     (TRUST_PROXY, as Fastify reads it);
 *   - the same compression as @fastify/compress gives the app's answers (brotli or gzip, as the
 *     client accepts, from the same size on);
 *   - the same log line per request (logging.ts: method, scrubbed URL, address, status, time).
 *
 * Everything unusual goes to Fastify, which answers it as it answers any request: a lane takes a
 * request only when its method, path, content type and length are as expected, and its handler
 * returns null (or throws) for anything it would refuse — invalid input, an unknown token, a
 * refused address, a conflict. Fastify then gets the request with the body already read (replayed
 * by the app's `preParsing` hook, `replayBody`), so every refusal, error page and log line is
 * Fastify's own. A lane's handler must therefore be safe to run twice (answers carry an
 * idempotency key). The app's tests that `inject` requests go through Fastify; the lane is
 * tested over real HTTP, beside the same requests through Fastify (fast-lane.test.ts).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import proxyAddr from '@fastify/proxy-addr';
import type {
  FastifyBaseLogger,
  FastifyRequest,
  FastifyServerOptions,
  preParsingHookHandler,
  RequestPayload,
} from 'fastify';
import secureJson from 'secure-json-parse';
import { scrubUrl } from '../logging.js';

/** What a lane's handler gets: the path's match, the request's headers and address, its JSON body. */
interface LaneRequest {
  match: RegExpExecArray;
  headers: IncomingMessage['headers'];
  ip: string;
  body: unknown;
}

/** The answer to send, or null to let Fastify answer the request. */
export type LaneAnswer = { status: number; payload: unknown } | null;

export interface FastRoute {
  method: 'POST';
  /** The paths it takes, anchored (a query string is left to Fastify). */
  path: RegExp;
  /** The largest body it reads; a larger or unannounced length goes to Fastify. */
  bodyLimit: number;
  /** Headers every answer of the route carries besides the security headers. */
  headers: Record<string, string>;
  handle(request: LaneRequest): Promise<LaneAnswer>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The body a lane read, kept on the raw request for Fastify (replayBody). */
const READ_BODY = Symbol('keizoku.fastLaneBody');
type ReadRequest = IncomingMessage & { [READ_BODY]?: Buffer };

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

/** The app's compression of answers (its @fastify/compress settings). */
export interface Compression {
  /** The smallest answer compressed, in bytes. */
  threshold: number;
  /** The encodings offered, the preferred first. */
  encodings: ReadonlyArray<'br' | 'gzip'>;
}

/** @fastify/compress's own brotli setting (quality 4 instead of zlib's slow 11). */
const BROTLI: zlib.BrotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };

export interface FastLaneOptions {
  securityHeaders: ReadonlyArray<readonly [string, string]>;
  compression: Compression;
  /** Which proxies may set X-Forwarded-For (the app's TRUST_PROXY); false for none. */
  trustProxy: false | string[];
  /** True once the app closes: Fastify then answers 503. */
  closing: () => boolean;
}

export class FastLanes {
  private readonly routes: FastRoute[] = [];
  private readonly trust: ((addr: string, i: number) => boolean) | null;
  private log: FastifyBaseLogger | null = null;
  private requests = 0;

  constructor(private readonly options: FastLaneOptions) {
    this.trust = options.trustProxy ? proxyAddr.compile(options.trustProxy) : null;
  }

  add(route: FastRoute): void {
    this.routes.push(route);
  }

  /**
   * Fastify's `serverFactory`: the HTTP server Fastify would build (same timeouts), with the lanes
   * in front of Fastify's handler. `log` is the app's logger (known once Fastify is built).
   */
  serverFactory(): NonNullable<FastifyServerOptions['serverFactory']> {
    return (fastify, opts) => {
      const server = http.createServer(opts.http ?? {}, (req, res) => this.dispatch(req, res, fastify));
      // What Fastify sets on the server it builds itself (lib/server.js).
      if (typeof opts.keepAliveTimeout === 'number') server.keepAliveTimeout = opts.keepAliveTimeout;
      if (typeof opts.requestTimeout === 'number') server.requestTimeout = opts.requestTimeout;
      if (typeof opts.connectionTimeout === 'number') server.setTimeout(opts.connectionTimeout);
      if (typeof opts.maxRequestsPerSocket === 'number' && opts.maxRequestsPerSocket > 0)
        server.maxRequestsPerSocket = opts.maxRequestsPerSocket;
      return server;
    };
  }

  /** Lines go through a child of the app's logger without redaction, as logging.ts explains. */
  setLogger(log: FastifyBaseLogger): void {
    this.log = log.child({}, { redact: [] } as never);
  }

  /** A route's `preParsing` hook: the body a lane already read, for Fastify to parse again. */
  readonly replayBody: preParsingHookHandler = (request: FastifyRequest, _reply, payload, done) => {
    const read = (request.raw as ReadRequest)[READ_BODY];
    done(null, read === undefined ? payload : (Readable.from([read]) as RequestPayload));
  };

  private dispatch(req: IncomingMessage, res: ServerResponse, fastify: Handler): void {
    const taken = this.options.closing() ? null : this.routeOf(req);
    if (!taken) {
      fastify(req, res);
      return;
    }
    const { route, match } = taken;
    const started = performance.now();
    readBody(req, route.bodyLimit, (body) => {
      if (body === null) return; // the client went away
      (req as ReadRequest)[READ_BODY] = body;
      // The close may have begun while the body arrived: from then on Fastify answers (503).
      if (this.options.closing()) return fastify(req, res);
      let parsed: unknown;
      try {
        parsed = secureJson.parse(body.toString('utf8'), undefined, {
          protoAction: 'error',
          constructorAction: 'error',
        });
      } catch {
        return fastify(req, res);
      }
      const ip = this.ipOf(req);
      route.handle({ match, headers: req.headers, ip, body: parsed }).then(
        (answer) => {
          // An answer already stored is sent even if the close began meanwhile: it is done.
          if (!answer) return fastify(req, res);
          try {
            this.send(req, res, route, answer, { ip, started });
          } catch (err) {
            // Headers may be out: Fastify cannot answer any more; the client sees the connection end.
            this.log?.error({ err }, 'fast lane: the answer could not be sent');
            res.destroy();
          }
        },
        () => fastify(req, res),
      );
    });
  }

  /** The lane for a request whose method, path, type and announced length fit, before reading anything. */
  private routeOf(req: IncomingMessage): { route: FastRoute; match: RegExpExecArray } | null {
    for (const route of this.routes) {
      if (req.method !== route.method) continue;
      const match = route.path.exec(req.url ?? '');
      if (!match) continue;
      const length = Number(req.headers['content-length']);
      const fits =
        length > 0 &&
        length <= route.bodyLimit &&
        req.headers['transfer-encoding'] === undefined &&
        req.headers['content-encoding'] === undefined &&
        JSON_TYPE.test(req.headers['content-type'] ?? '');
      return fits ? { route, match } : null;
    }
    return null;
  }

  /** The client's address as Fastify reads it (request.ip). */
  private ipOf(req: IncomingMessage): string {
    if (!this.trust) return req.socket.remoteAddress ?? '';
    const all = proxyAddr.all(req, this.trust);
    return all[all.length - 1] ?? '';
  }

  /** The encoding @fastify/compress would give an answer of this size (its onSend), or null. */
  private encodingFor(req: IncomingMessage, size: number): 'br' | 'gzip' | null {
    const { threshold, encodings } = this.options.compression;
    const accepted = req.headers['accept-encoding'];
    if (size < threshold || accepted === undefined || req.headers['x-no-compression'] !== undefined)
      return null;
    // As @fastify/compress reads it: `*` and `x-gzip` mean gzip.
    const chosen = negotiate(accepted.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), [...encodings]);
    return chosen === 'br' || chosen === 'gzip' ? chosen : null;
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    route: FastRoute,
    answer: NonNullable<LaneAnswer>,
    { ip, started }: { ip: string; started: number },
  ): void {
    let body: string | Buffer = JSON.stringify(answer.payload);
    for (const [name, value] of this.options.securityHeaders) res.setHeader(name, value);
    for (const name in route.headers) res.setHeader(name, route.headers[name] as string);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    const encoding = this.encodingFor(req, Buffer.byteLength(body));
    if (encoding) {
      body = encoding === 'br' ? zlib.brotliCompressSync(body, BROTLI) : zlib.gzipSync(body);
      res.setHeader('vary', 'accept-encoding');
      res.setHeader('content-encoding', encoding);
    }
    res.setHeader('content-length', Buffer.byteLength(body));
    res.writeHead(answer.status);
    res.end(body);
    this.log?.info(
      {
        reqId: `lane-${++this.requests}`,
        req: { method: req.method, url: scrubUrl(req.url ?? ''), ip },
        res: { statusCode: answer.status },
        responseTime: performance.now() - started,
      },
      'request completed',
    );
  }
}

/**
 * Reads the whole body (its announced length was checked); null if the client goes away or sends
 * more than it announced, in which case the connection is closed as Fastify would refuse it.
 */
function readBody(req: IncomingMessage, limit: number, done: (body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let length = 0;
  const finish = (body: Buffer | null) => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    done(body);
  };
  const onData = (chunk: Buffer) => {
    length += chunk.length;
    if (length > limit) {
      req.socket.destroy();
      return finish(null);
    }
    chunks.push(chunk);
  };
  const onEnd = () => finish(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length));
  const onError = () => finish(null);
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
}
