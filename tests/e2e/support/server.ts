import fs from 'node:fs';
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

const webRoot = path.resolve(import.meta.dirname, '../../../dist/web');

/** The real server on a fresh SQLite file, serving the built web app on a free loopback port. */
export async function startServer(): Promise<E2eServer> {
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error('dist/web is missing: run `npm run build:web` first (npm run test:e2e does)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-e2e-'));
  const db = openDb({ sqlitePath: path.join(dir, 'keizoku.sqlite') });
  await migrateToLatest(db);
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir }) };
  const app = await buildApp({ db, config, logger: false, webRoot });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  config.baseUrl = address;
  return {
    url: address,
    app,
    db,
    close: async () => {
      await app.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
