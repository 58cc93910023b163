/**
 * The load generator of `npm run bench:safety`, in a child process (forked with tsx) so that it
 * never shares the server's event loop. Told what to do by its first message:
 *   - `{ mode: 'get', url, seconds }`: GET `url` for that long;
 *   - `{ mode: 'answers', base, tokens, amount }`: `amount` answers POSTed to `/a/<token>`, the
 *     tokens taken in turn, each with a new Idempotency-Key, statuses varied as people answer.
 * The same answers go to the bare server too, so both sides of a ratio get the same requests.
 * Answers its summary as one message, then exits. The generator is load-generator.ts (why not
 * autocannon: see there).
 */
import { randomUUID } from 'node:crypto';
import { type LoadResult, runLoad } from './load-generator.js';

export type { LoadResult };
/** 64 as wrk was run for the floor (issue 12); BENCH_SAFETY_CONNECTIONS tries a larger wave. */
export const LOAD_CONNECTIONS = Number(process.env.BENCH_SAFETY_CONNECTIONS ?? 64);

export type LoadOrder =
  | { mode: 'get'; url: string; seconds: number }
  | { mode: 'answers'; base: string; tokens: string[]; amount: number };

const BODIES = [
  { status: 'safe', canWork: 'office', familySafe: true },
  { status: 'safe', canWork: 'remote', message: '自宅にいます。家族も無事です。' },
  { status: 'minor_injury', canWork: 'no', location: '岡山市北区の避難所' },
].map((b) => {
  const text = JSON.stringify(b);
  return { text, bytes: Buffer.byteLength(text) };
});

function run(order: LoadOrder): Promise<LoadResult> {
  if (order.mode === 'get') {
    const { host, pathname } = new URL(order.url);
    const text = `GET ${pathname} HTTP/1.1\r\nHost: ${host}\r\nAccept: application/json\r\n\r\n`;
    return runLoad({
      url: order.url,
      connections: LOAD_CONNECTIONS,
      seconds: order.seconds,
      request: () => text,
    });
  }
  const { host } = new URL(order.base);
  return runLoad({
    url: order.base,
    connections: LOAD_CONNECTIONS,
    amount: order.amount,
    request: (i) => {
      const body = BODIES[i % BODIES.length] as (typeof BODIES)[number];
      return (
        `POST /a/${order.tokens[i % order.tokens.length]} HTTP/1.1\r\nHost: ${host}\r\n` +
        `Content-Type: application/json\r\nIdempotency-Key: ${randomUUID()}\r\n` +
        `Content-Length: ${body.bytes}\r\n\r\n${body.text}`
      );
    },
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
