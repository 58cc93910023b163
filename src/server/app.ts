import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { pingDatabase } from './db/health-repo.js';
import { databaseRateLimitStore } from './db/rate-limit-store.js';
import { type Access, checkAccess } from './http/auth-context.js';
import { installConcurrency } from './http/concurrency.js';
import { type Compression, FastLanes } from './http/fast-lane.js';
import { openapiTransform, securitySchemes } from './http/openapi.js';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  installErrorHandling,
  sendProblem,
} from './http/problem.js';
import { applySecurityHeaders, securityHeaders } from './http/security-headers.js';
import { loggerOptions, OneLinePerRequest } from './logging.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { apiModules } from './modules/index.js';
import { startConfiguredOutbound } from './modules/outbound/index.js';
import { startConfiguredQuakeWorker } from './modules/quake/index.js';
import { safetyAnswerRoutes } from './modules/safety/routes.js';
import { closeEventBus } from './realtime/event-bus.js';
import { resolveAuth, sessionTokenOf } from './security/sessions.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    /** Outgoing mail (SMTP_URL); `configured` is false when keizoku sends no mail. */
    mailer: Mailer;
    /** Every API route this app registered (see RegisteredRoute). */
    registeredRoutes: readonly RegisteredRoute[];
    /** Now, for rules that depend on time passing (see clock.ts). */
    clock: Clock;
    /** Hot routes answered in front of Fastify's chain, with the same protections (http/fast-lane.ts). */
    fastLanes: FastLanes;
  }
}

export interface AppOptions {
  db: Db;
  config: Config;
  /** Pass false in tests that do not want request logs. */
  logger?: FastifyServerOptions['logger'];
  /** Where the built web app lives; served when present. */
  webRoot?: string;
  /** Now; tests inject a clock to see time pass (the system clock otherwise). */
  clock?: Clock;
}

export const API_PREFIX = '/api/v1';
/** JSON bodies above 1 MB are refused; imports use multipart with their own limit. */
export const BODY_LIMIT = 1024 * 1024;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Answers from 1 KB on go out compressed, brotli or gzip (see fastifyCompress below; the fast lanes too). */
const COMPRESSION: Compression = { threshold: 1024, encodings: ['br', 'gzip'] };
/**
 * The answers compressed: text (CSV, HTML) but never an event stream, JSON, XML, octet streams
 * (@fastify/compress's own list, written out so the event-stream exception is ours to keep).
 */
const COMPRESSIBLE =
  /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]text(?:;|$)|[+/]xml(?:;|$)|octet-stream(?:;|$)/;

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultWebRoot = path.resolve(here, '../../dist/web');

/**
 * An API route with its declared access and schemas: the 405 handler and the tenant-isolation,
 * input-text, bad-input and OpenAPI tests walk `app.registeredRoutes`.
 */
interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
  hasBody: boolean;
  schemas: { body?: unknown; querystring?: unknown; params?: unknown; response?: Record<string, unknown> };
}

/** The methods the API takes on a path (with HEAD beside GET), for a 405's Allow header. */
function allowedMethodsLookup(routes: readonly RegisteredRoute[]): (pathname: string) => string[] {
  let patterns: { pattern: RegExp; methods: Set<string> }[] | null = null;
  const build = () => {
    const byUrl = new Map<string, { pattern: RegExp; methods: Set<string> }>();
    for (const r of routes) {
      let entry = byUrl.get(r.url);
      if (!entry) {
        const source = r.url
          .split('/')
          .map((segment) =>
            segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
          )
          .join('/');
        entry = { pattern: new RegExp(`^${source}/?$`), methods: new Set() };
        byUrl.set(r.url, entry);
      }
      entry.methods.add(r.method);
    }
    return [...byUrl.values()];
  };
  return (pathname) => {
    // Routes are all registered before the first request; build the patterns once, then.
    patterns ??= build();
    const methods = new Set<string>();
    for (const { pattern, methods: m } of patterns)
      if (pattern.test(pathname)) for (const method of m) methods.add(method);
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const headers = securityHeaders(opts.config.secureCookies);
  let closing = false;
  const fastLanes = new FastLanes({
    securityHeaders: headers,
    compression: COMPRESSION,
    trustProxy: opts.config.trustProxy,
    closing: () => closing,
  });
  const app = Fastify({
    serverFactory: fastLanes.serverFactory(),
    logger: opts.logger ?? loggerOptions(opts.config.logLevel),
    bodyLimit: BODY_LIMIT,
    // X-Forwarded-* count only from the proxies TRUST_PROXY names: request.ip (rate limits, audit,
    // logs), request.protocol and request.host read nothing a client may forge otherwise.
    trustProxy: opts.config.trustProxy,
    // Refusals from the router and the HTTP parser leave as problem+json too, quoting nothing.
    frameworkErrors: (err, request, reply) => {
      applySecurityHeaders(reply, headers);
      frameworkErrorHandler(err, request, reply);
    },
    clientErrorHandler,
    // Requests that still arrive while the server shuts down get our 503 (below), not Fastify's JSON.
    return503OnClosing: false,
    // One log line per request, when it is answered, instead of Fastify's two (logging.ts).
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>();

  fastLanes.setLogger(app.log);
  app.decorate('fastLanes', fastLanes);
  // A request a lane read and left to Fastify (a refusal, an error) is parsed from what it read.
  app.addHook('preParsing', fastLanes.replayBody);
  app.addHook('preClose', async () => {
    closing = true;
  });
  // First hook of every request, sync (no promise per request): the security headers, prebuilt
  // once (http/security-headers.ts), so every answer has them, errors and 404s included.
  app.addHook('onRequest', (_request, reply, done) => {
    applySecurityHeaders(reply, headers);
    if (closing) sendProblem(reply.header('connection', 'close'), 503, 'service_unavailable');
    else done();
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', opts.db);
  opts.db.onIdleError ??= (err) =>
    app.log.warn({ err }, 'database: an idle connection failed; it is replaced');
  app.decorate('config', opts.config);
  app.decorate('clock', opts.clock ?? systemClock);
  const mailer = createMailer(opts.config, app.log);
  app.decorate('mailer', mailer);
  app.addHook('onClose', async () => mailer.close());
  // The outbound mail and chat queue's worker runs while the server listens (not in tests that
  // only inject), and finishes the batch under way before the database closes.
  let outbound: { stop(): Promise<void> } | null = null;
  // The earthquake trigger's worker likewise: held earthquakes released, feeds read (if set).
  let quake: { stop(): Promise<void> } | null = null;
  app.addHook('onListen', async () => {
    outbound ??= startConfiguredOutbound(opts.db, opts.config, app.log);
    quake ??= startConfiguredQuakeWorker(opts.db, opts.config, app.log);
  });
  app.addHook('preClose', async () => {
    await Promise.all([outbound?.stop(), quake?.stop()]);
  });
  // The live screens' bus (on PostgreSQL, its listening connection) closes with the app.
  app.addHook('onClose', async () => closeEventBus(opts.db));
  const registeredRoutes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  const methodsAllowedOn = allowedMethodsLookup(registeredRoutes);
  app.decorateRequest('auth', null);
  installErrorHandling(app);
  installConcurrency(app);

  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: opts.config.secureCookies },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  // Answers over 1 KB (JSON, CSV, text) go out compressed, brotli or gzip as the client accepts:
  // an employee on a phone network during an incident should not wait for bytes. Small answers,
  // like the CSRF token's, stay as they are. Request bodies are never decompressed (no zip bombs).
  // The web app's files are compressed once at build time and served as they are (see below).
  // Event streams (text/event-stream) are never compressed: a compressor buffers, and each event
  // must leave at once.
  await app.register(fastifyCompress, {
    globalDecompression: false,
    threshold: COMPRESSION.threshold,
    encodings: [...COMPRESSION.encodings],
    customTypes: COMPRESSIBLE,
  });
  // Several processes on one PostgreSQL count each client's tries together (db/rate-limit-store.ts);
  // SQLite has one process, whose memory is enough.
  await app.register(fastifyRateLimit, {
    global: false,
    ...(opts.db.engine === 'pg' ? { store: databaseRateLimitStore(opts.db) } : {}),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'keizoku API', version: '1' },
      components: { securitySchemes },
    },
    transform: openapiTransform,
  });

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      const { body, querystring, params, response } = route.schema ?? {};
      registeredRoutes.push({
        method,
        url: route.url,
        access,
        hasBody: Boolean(body),
        schemas: { body, querystring, params, response: response as Record<string, unknown> | undefined },
      });
    }
  });

  // Resolve the caller, then enforce CSRF and the route's access rule before any handler runs.
  // Sync for what is not the API (health checks, the web app's files): no promise, no lookup.
  const authorize = async (request: FastifyRequest, reply: FastifyReply) => {
    request.auth = await resolveAuth(opts.db, sessionTokenOf(request));
    const access = request.routeOptions.config?.access;
    if (!access) return; // unknown route: the not-found handler answers
    if (UNSAFE.has(request.method) && !(access === 'public' && request.routeOptions.config?.csrf === false)) {
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve())),
      );
    }
    checkAccess(access, request.auth);
  };
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith(API_PREFIX)) return done();
    authorize(request, reply).then(() => done(), done);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await pingDatabase(opts.db.kysely);
      return { status: 'ok', database: opts.db.engine };
    } catch {
      return sendProblem(reply.code(503), 503, 'service_unavailable');
    }
  });

  await app.register(
    async (api) => {
      for (const mod of apiModules) await api.register(mod);
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
    },
    { prefix: API_PREFIX },
  );
  // Personal safety-confirmation links (/a/<token>): no session, no CSRF, their own page.
  await app.register(safetyAnswerRoutes);

  const webRoot = opts.webRoot ?? defaultWebRoot;
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  // preCompressed: the build writes a .br and a .gz beside each script, style and page
  // (vite.config.ts); the one the browser accepts is sent.
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
    });
  // Browsers and tools ask for /favicon.ico whatever the page links; the web app ships an SVG icon.
  // Without a built web app (API only) there is no icon: 204 keeps the logs free of 404s.
  if (!fs.existsSync(path.join(webRoot, 'favicon.ico'))) {
    const hasSvgIcon = hasWeb && fs.existsSync(path.join(webRoot, 'favicon.svg'));
    app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
      hasSvgIcon ? reply.redirect('/favicon.svg', 301) : reply.code(204).send(),
    );
  }
  // Client-side routes get the app shell; API paths and missing assets stay a problem+json 404.
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !pathname.startsWith('/api/') && !path.extname(pathname)) {
      return reply.type('text/html').sendFile('index.html');
    }
    const allowed = pathname.startsWith(`${API_PREFIX}/`) ? methodsAllowedOn(pathname) : [];
    if (allowed.length)
      return sendProblem(reply.header('allow', allowed.join(', ')), 405, 'method_not_allowed');
    return sendProblem(reply, 404, 'not_found');
  });

  return app;
}
