import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import type { Clock } from '../../../src/server/clock.js';
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

/**
 * The real server on a fresh SQLite file, serving the built web app on a free loopback port;
 * `clock` lets a spec move the server's time (see {@link offsetClock}).
 */
export async function startServer(opts: { clock?: Clock } = {}): Promise<E2eServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-e2e-'));
  const webRoot = await snapshotWeb(dir);
  const db = openDb({ sqlitePath: path.join(dir, 'keizoku.sqlite') });
  await migrateToLatest(db);
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir }) };

  const app = await buildApp({ db, config, logger: false, webRoot, ...opts });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  config.baseUrl = url;
  return {
    url,
    app,
    db,
    close: async () => {
      await app.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server clock that runs with real time, plus whatever `advance` added: time passing, on demand. */
export function offsetClock(): { now: Clock; advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}
