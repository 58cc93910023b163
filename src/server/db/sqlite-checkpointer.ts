/**
 * Copies SQLite's write-ahead log back into the database file from a worker thread. SQLite does it
 * itself every 1,000 pages, inside the commit that crosses the mark and on the app's one thread:
 * that commit then waits for the disk (fsync), and every request waits with it. Measured with
 * `npm run bench:safety`, those checkpoints were half the database time of a burst of answers.
 *
 * The worker opens its own connection to the file and runs a PASSIVE checkpoint every second
 * (it never waits for the app's readers or writer; SQLite lets a checkpoint run beside them). The
 * app's own automatic checkpoint stays, at a far larger mark, in case the worker is gone.
 * The worker's code is plain JavaScript handed over as text, so it runs the same under tsx, the
 * built server and the tests.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints. */
const EVERY_MS = 1000;
/** The app's own checkpoint mark, in pages, when the worker is there (SQLite's default is 1,000). */
export const BACKSTOP_PAGES = 20_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = (mode) => {
  try {
    db.pragma('wal_checkpoint(' + mode + ')');
  } catch {
    // Busy or locked: the next round tries again.
  }
};
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint('PASSIVE');
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker after a last checkpoint; resolves once its connection is closed. */
  stop(): Promise<void>;
}

/** Starts checkpointing the SQLite database file `file` (in WAL mode) from a worker thread. */
export function startCheckpointer(file: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, everyMs: EVERY_MS },
  });
  // Never what keeps a process alive, and never what ends it: a failed worker leaves the app's own
  // checkpoint at BACKSTOP_PAGES.
  worker.unref();
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping: Promise<void> | null = null;
  return {
    stop: () => {
      stopping ??= (async () => {
        worker.postMessage('stop');
        const late = setTimeout(() => void worker.terminate(), 5000);
        await exited;
        clearTimeout(late);
      })();
      return stopping;
    },
  };
}
