/**
 * Pieces the HTTP benchmarks share: the bare `node:http` server every ratio is taken against, a
 * loopback listener, a log sink (lines are built and dropped: logging costs what it costs), and
 * keizoku itself on a fresh database of the engine under test (KEIZOKU_TEST_ENGINE).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { type Config, loadConfig } from '../src/server/config.js';
import { loggerOptions } from '../src/server/logging.js';
import { createTestDb } from '../src/server/test/harness.js';

const BARE_BODY = JSON.stringify({ status: 'ok' });

/** The floor: answers `{"status":"ok"}` and nothing else. */
export function bareServer(): http.Server {
  return http.createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': BARE_BODY.length,
    });
    res.end(BARE_BODY);
  });
}

/** Listens on a free loopback port; resolves to the server's base URL. */
export function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/** Lines go nowhere: the cost of building and writing them stays, the disk does not count. */
const sink = new Writable({
  write(_chunk, _enc, cb) {
    cb();
  },
});

/**
 * keizoku built by the real factory on a fresh database, logging at `info` into the sink; not yet
 * listening (a bench may add its own routes first). `close` ends the app and drops the database.
 */
export async function benchApp(): Promise<{
  app: FastifyInstance;
  config: Config;
  close: () => Promise<void>;
}> {
  const testDb = await createTestDb();
  const config = { ...loadConfig({ LOG_LEVEL: 'info', DATA_DIR: os.tmpdir() }), databaseUrl: testDb.url };
  const options = loggerOptions('info');
  const app = await buildApp({
    db: testDb.db,
    config,
    logger: { ...(typeof options === 'object' ? options : {}), stream: sink },
    webRoot: '/nonexistent',
  });
  return {
    app,
    config,
    close: async () => {
      await app.close();
      await testDb.db.close();
      await testDb.drop().catch(() => {});
    },
  };
}
