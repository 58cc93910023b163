/**
 * The load generator of `npm run bench:safety`, in a child process (forked with tsx) so that it
 * never shares the server's event loop. Told what to do by its first message:
 *   - `{ mode: 'get', url, seconds }`: GET `url` for that long (the bare server's rate);
 *   - `{ mode: 'answers', base, tokens, amount }`: `amount` answers POSTed to `/a/<token>`, the
 *     tokens taken in turn, each with a new Idempotency-Key, statuses varied as people answer.
 * Answers its autocannon summary as one message, then exits.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export const LOAD_CONNECTIONS = 64;

export type LoadOrder =
  | { mode: 'get'; url: string; seconds: number }
  | { mode: 'answers'; base: string; tokens: string[]; amount: number };

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  /** Answers with status 2xx: acknowledged to the client. */
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

const BODIES = [
  { status: 'safe', canWork: 'office', familySafe: true },
  { status: 'safe', canWork: 'remote', message: '自宅にいます。家族も無事です。' },
  { status: 'minor_injury', canWork: 'no', location: '岡山市北区の避難所' },
].map((b) => JSON.stringify(b));

function run(order: LoadOrder): Promise<LoadResult> {
  let next = 0;
  const opts: autocannon.Options =
    order.mode === 'get'
      ? { url: order.url, connections: LOAD_CONNECTIONS, duration: order.seconds }
      : {
          url: order.base,
          connections: LOAD_CONNECTIONS,
          amount: order.amount,
          timeout: 30,
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                const i = next++;
                return {
                  ...req,
                  path: `/a/${order.tokens[i % order.tokens.length]}`,
                  headers: {
                    ...req.headers,
                    'content-type': 'application/json',
                    'idempotency-key': randomUUID(),
                  },
                  body: BODIES[i % BODIES.length],
                };
              },
            },
          ],
        };
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, r) => {
      if (err) return reject(err);
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        total: r.requests.total,
        ok: r['2xx'],
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        seconds: r.duration,
      });
    });
  });
}

if (process.send) {
  process.once('message', (order: LoadOrder) => {
    run(order).then(
      (result) => process.send?.(result, () => process.exit(0)),
      (err: unknown) => {
        console.error(err);
        process.exit(2);
      },
    );
  });
}
