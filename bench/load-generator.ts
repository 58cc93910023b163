/**
 * A lean HTTP/1.1 load generator, the way wrk works: a fixed number of keep-alive connections over
 * `net`, each writing its next request as soon as the last answer has arrived, requests written
 * from text built by the caller, answers read just far enough to know their status and length.
 *
 * Why not autocannon here: building each request through its `setupRequest` hook (a new path,
 * header and body per answer) costs autocannon about 40 µs a request, so on 2 CPUs the generator
 * itself tops out near 25,000 answers/s against a server that does nothing and takes the core the
 * server under test needs. This one writes a prebuilt string per request and costs a few µs.
 *
 * Every answer must carry Content-Length (keizoku's and the bare server's do); one without it,
 * a refused connection or an answer later than `timeoutMs` counts as an error and the connection
 * is opened again. Runs for `amount` requests (each sent once, none retried) or for `seconds`.
 */
import net from 'node:net';

export interface LoadPlan {
  /** http://host:port of the server. */
  url: string;
  connections: number;
  /** Stop after this many requests (all answered), or else after `seconds`. */
  amount?: number;
  seconds?: number;
  /** The raw text of request number i (request line, headers, blank line, body). */
  request: (i: number) => string;
  timeoutMs?: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Requests answered or failed. */
  total: number;
  /** Answers with status 2xx: acknowledged to the client. */
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;

export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const { hostname, port } = new URL(plan.url);
  const timeoutMs = plan.timeoutMs ?? 30_000;
  const deadline = plan.seconds === undefined ? Infinity : performance.now() + plan.seconds * 1000;
  const limit = plan.amount ?? Infinity;
  const latencies: number[] = [];
  let issued = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let open = 0;
  const started = performance.now();

  return new Promise((resolve) => {
    const finish = () => {
      const seconds = (performance.now() - started) / 1000;
      const sorted = Float64Array.from(latencies).sort();
      const at = (q: number) =>
        Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
      const total = ok + non2xx + errors;
      resolve({ rps: total / seconds, p50: at(0.5), p99: at(0.99), total, ok, non2xx, errors, seconds });
    };

    const connect = () => {
      open++;
      const socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
      let pending: Buffer | null = null;
      let sentAt = 0;
      let waiting = false;
      let timer: NodeJS.Timeout | null = null;

      const next = () => {
        if (issued >= limit || performance.now() >= deadline) {
          socket.end();
          return;
        }
        const text = plan.request(issued++);
        waiting = true;
        sentAt = performance.now();
        timer?.refresh();
        socket.write(text);
      };
      timer = setTimeout(() => {
        if (waiting) socket.destroy(new Error('timeout'));
      }, timeoutMs);
      timer.unref();

      let connected = false;
      socket.on('connect', () => {
        connected = true;
        next();
      });
      socket.on('data', (chunk: Buffer) => {
        let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          const end = buf.indexOf(HEAD_END);
          if (end < 0) break;
          const head = buf.toString('latin1', 0, end);
          const length = CONTENT_LENGTH.exec(head)?.[1];
          if (length === undefined) {
            socket.destroy(new Error('an answer without Content-Length'));
            return;
          }
          const size = end + 4 + Number(length);
          if (buf.length < size) break;
          const status = Number(head.slice(9, 12));
          latencies.push(performance.now() - sentAt);
          waiting = false;
          if (status >= 200 && status < 300) ok++;
          else non2xx++;
          buf = buf.subarray(size);
          next();
        }
        pending = buf.length > 0 ? buf : null;
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        open--;
        if (timer) clearTimeout(timer);
        // A request left unanswered, or one that found no server to take it, is an error.
        if (waiting || !connected) {
          errors++;
          if (!connected) issued++;
        }
        if (issued < limit && performance.now() < deadline) connect();
        else if (open === 0) finish();
      });
    };
    for (let c = 0; c < plan.connections; c++) connect();
  });
}
