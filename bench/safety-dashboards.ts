/**
 * The live dashboards of `npm run bench:safety`, in a child process: `count` Server-Sent Events
 * streams of the headquarters, signed in as the owner. Each counts the answers it is told of (a
 * wave of answers is one `safety.answered` message with its count) and how late each arrived after
 * the server wrote its first answer (`firstAt`).
 * Messages in: `{ open: { url, cookie, count } }`, then `'report'` as often as wanted; out: `'open'`
 * once every stream is connected, then a {@link DashboardReport} per report.
 */
import http from 'node:http';

export interface DashboardReport {
  /** Answers seen, per dashboard. */
  answers: number[];
  /** The latest arrival of any event after the server wrote it, in ms, over all dashboards. */
  worstLagMs: number;
  /** Streams that ended or failed. */
  dropped: number;
}

const answers: number[] = [];
let worstLagMs = 0;
let dropped = 0;

function openStream(url: string, cookie: string, index: number): Promise<void> {
  answers[index] = 0;
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', cookie } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${index}: status ${res.statusCode}`));
      res.setEncoding('utf8');
      let buf = '';
      let opened = false;
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end = buf.indexOf('\n\n');
        while (end >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          end = buf.indexOf('\n\n');
          if (!opened && block.startsWith('retry:')) {
            opened = true;
            resolve();
          }
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!data) continue;
          // A wave of answers comes as one message with its count and its first answer's time.
          const event = JSON.parse(data) as { kind: string; at: string; count?: number; firstAt?: string };
          if (event.kind !== 'safety.answered') continue;
          answers[index] = (answers[index] ?? 0) + (event.count ?? 1);
          worstLagMs = Math.max(worstLagMs, Date.now() - Date.parse(event.firstAt ?? event.at));
        }
      });
      res.on('close', () => {
        dropped++;
      });
    });
    req.on('error', reject);
  });
}

if (process.send) {
  process.on('message', (msg: 'report' | { open: { url: string; cookie: string; count: number } }) => {
    if (msg === 'report') {
      const report: DashboardReport = { answers, worstLagMs, dropped };
      process.send?.(report);
      return;
    }
    const { url, cookie, count } = msg.open;
    Promise.all(Array.from({ length: count }, (_, i) => openStream(url, cookie, i))).then(
      () => process.send?.('open'),
      (err: unknown) => {
        console.error(err);
        process.exit(2);
      },
    );
  });
  process.on('disconnect', () => process.exit(0));
}
