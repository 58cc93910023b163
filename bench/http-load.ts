/**
 * Pieces the HTTP benchmarks share: the bare `node:http` server every ratio is taken against, a
 * loopback listener, and a log sink (lines are built and dropped: logging costs what it costs).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

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
export const sink = new Writable({
  write(_chunk, _enc, cb) {
    cb();
  },
});
