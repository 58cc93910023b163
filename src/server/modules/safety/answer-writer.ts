/**
 * Where batches of answers are written. On a SQLite file, in a worker thread with its own
 * connection (answer-writer-thread.ts): SQLite does its work on the calling thread, and during a
 * wave of answers that work — the rows, their indexes, the audit chain, the commit — was most of
 * the app's thread (`npm run bench:safety`), so the requests, the answer page and the live screens
 * waited behind it. The thread commits with `synchronous = FULL`: an answer is on disk before it is
 * acknowledged, and the disk's wait is the thread's, not the app's.
 *
 * On PostgreSQL (the work is in the database server) and on an in-memory SQLite database (no file
 * to share), batches are written on the app's thread. If the thread ends, the batch under way is
 * written on the app's thread (its idempotency keys make that safe), and so is every batch after
 * it if the thread never started.
 */
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { DomainError } from '../../errors.js';
import { type BatchAnswer, type Outcome, writeAnswers } from './answer-batch.js';
import type { SafetyContext } from './service.js';

export interface AnswerWriter {
  /**
   * Batches given to it at once. SQLite, in the thread or not: one (one writer). The answers that
   * arrive while it writes form the next batch, sent the moment it is done. A second batch queued
   * behind the first was never faster (`npm run bench:safety`, runs taken in turns: 5,000–5,300
   * answers/s against 6,100, or even): it went out early with the few answers there were, and
   * paid a whole commit for them.
   * On PostgreSQL three: a batch prepares its rows while another holds the organization's audit
   * chain head and commits.
   */
  readonly parallel: number;
  /** The outcome of each answer, in the batch's order. */
  write(batch: readonly BatchAnswer[]): Promise<Outcome[]>;
  /** Stops the thread (after the batches under way); the app's database stays open. */
  close(): Promise<void>;
}

/** An outcome as it crosses between threads: errors lose their class in a message. */
type WireOutcome = Outcome | { failed: WireError };
type WireError = { domain: ConstructorParameters<typeof DomainError> } | { message: string };

export function toWire(outcome: Outcome): WireOutcome {
  if ('ok' in outcome) return outcome;
  const err = outcome.err;
  if (err instanceof DomainError)
    return { failed: { domain: [err.kind, err.code, { params: err.params, issues: err.issues }] } };
  return { failed: { message: err instanceof Error ? err.message : String(err) } };
}

function fromWire(outcome: WireOutcome): Outcome {
  if (!('failed' in outcome)) return outcome;
  const f = outcome.failed;
  return { err: 'domain' in f ? new DomainError(...f.domain) : new Error(f.message) };
}

export function answerWriter(ctx: SafetyContext, log: FastifyBaseLogger): AnswerWriter {
  const inline: AnswerWriter = {
    parallel: ctx.db.engine === 'pg' ? 3 : 1,
    write: (batch) => writeAnswers(ctx, batch),
    close: async () => {},
  };
  const file = ctx.db.engine === 'sqlite' ? ctx.db.sqlitePath : undefined;
  return file && file !== ':memory:' ? new ThreadWriter(file, inline, log) : inline;
}

/** The thread's module, and (running from the TypeScript sources) tsx to load it. */
const here = import.meta.url;
const fromSources = here.endsWith('.ts');
const ENTRY = new URL(`./answer-writer-thread.${fromSources ? 'ts' : 'js'}`, here).href;
const BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})();
`;

type Waiting = { resolve: (out: WireOutcome[]) => void; reject: (err: Error) => void };

/** Exported for its tests (a thread that cannot start); the app gets one from answerWriter. */
export class ThreadWriter implements AnswerWriter {
  readonly parallel = 1;
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private sent = 0;
  /** Once the thread has failed to start, batches are written on the app's thread. */
  private fallback = false;
  private answeredOnce = false;

  constructor(
    private readonly file: string,
    private readonly inline: AnswerWriter,
    private readonly log: FastifyBaseLogger,
    private readonly entry = ENTRY,
  ) {}

  /** Whether the thread has written a batch (rather than the app's thread, after a failure). */
  get threadAnswered(): boolean {
    return this.answeredOnce;
  }

  async write(batch: readonly BatchAnswer[]): Promise<Outcome[]> {
    if (this.fallback) return this.inline.write(batch);
    const worker = this.start();
    const id = ++this.sent;
    try {
      const out = await new Promise<WireOutcome[]>((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        worker.postMessage({ id, batch });
      });
      return out.map(fromWire);
    } catch {
      // The thread ended under this batch: written here instead. Safe even if the thread had
      // committed it: each answer's idempotency key is found, and the answer replayed.
      return this.inline.write(batch);
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ close: true });
    await exited;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: {
        entry: this.entry,
        tsx: fromSources ? import.meta.resolve('tsx/esm/api') : null,
        file: this.file,
      },
    });
    // The app's open requests keep the process alive, not this thread.
    worker.unref();
    worker.on('message', (message: { id: number; outcomes: WireOutcome[] }) => {
      this.answeredOnce = true;
      this.waiting.get(message.id)?.resolve(message.outcomes);
      this.waiting.delete(message.id);
    });
    const gone = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      if (!this.answeredOnce) this.fallback = true;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', (err) => {
      this.log.error({ err }, 'safety answers: the writer thread failed');
      gone(err);
    });
    worker.on('exit', (code) => gone(new Error(`the answer writer thread ended (${code})`)));
    this.worker = worker;
    return worker;
  }
}
