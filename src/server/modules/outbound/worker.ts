import {
  DEFAULT_RETRY,
  nextAttemptDelay,
  type OutboundReason,
  type RetryPolicy,
} from '../../../domain/outbound.js';
import type { Db } from '../../db/database.js';
import { newId } from '../../ids.js';
import type { Mailer } from '../../mail/mailer.js';
import * as repo from './repo.js';
import { onEnqueued } from './service.js';
import type { PostResult, WebhookSender } from './webhook.js';

/**
 * The sending worker: claims due messages in batches, sends them (up to `concurrency` at once),
 * and records each outcome. Several workers — in one process or in several app processes on one
 * PostgreSQL — share the queue without sending a message twice (see repo.claimDue). A message
 * whose worker stops mid-send is claimed again when its lease runs out, so a crash can at worst
 * send it twice, never lose it. `stop()` takes no new batch and waits for the one under way.
 */

interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WorkerOptions {
  mailer: Mailer;
  webhooks: WebhookSender;
  log?: WorkerLog;
  concurrency?: number;
  /** Messages claimed at a time. */
  batchSize?: number;
  /** How often an idle worker looks for due messages (it is also woken by enqueue in this process). */
  pollMs?: number;
  /** How long a claim holds a message before another worker may take it over. */
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  /** The clock (tests). */
  now?: () => Date;
  random?: () => number;
}

export interface OutboundWorker {
  /** Look for due messages now. */
  wake(): void;
  /** Resolves once nothing is due and nothing is being sent (tests, benchmarks). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  /** Messages this worker delivered since it started. */
  readonly delivered: number;
}

type Outcome = PostResult;

function mailOutcome(r: Awaited<ReturnType<Mailer['send']>>): Outcome {
  if (r.sent) return { sent: true };
  // Not configured: nothing to retry until SMTP_URL is set. A 5xx refusal is final; a 4xx one
  // (greylisting, a full mailbox, a busy server) and everything else is tried again.
  const permanent =
    r.reason === 'not_configured' ||
    (r.reason === 'refused' && (r.responseCode === undefined || r.responseCode >= 500));
  return { sent: false, reason: r.reason, detail: r.detail ?? r.reason, retryable: !permanent };
}

export function startOutboundWorker(db: Db, opts: WorkerOptions): OutboundWorker {
  const concurrency = opts.concurrency ?? 8;
  const batchSize = opts.batchSize ?? Math.max(50, concurrency * 25);
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? Math.random;
  const workerId = newId();

  let running = true;
  let delivered = 0;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];

  const sleep = () =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, pollMs);
    }).finally(() => {
      if (timer) clearTimeout(timer);
      timer = null;
      wakeUp = null;
    });
  const wake = () => wakeUp?.();
  const unsubscribe = onEnqueued(wake);

  async function send(m: repo.ClaimedMessage): Promise<Outcome> {
    try {
      if (m.channel === 'email')
        return mailOutcome(
          await opts.mailer.send({ to: m.recipient, subject: m.subject ?? '', text: m.body }),
        );
      return await opts.webhooks.post(m.recipient, m.body);
    } catch (err) {
      // A bug, not a delivery answer: keep the message and try again later.
      opts.log?.error({ err, messageId: m.id }, 'outbound message send threw');
      return { sent: false, reason: 'failed', detail: 'internal error', retryable: true };
    }
  }

  async function runBatch(): Promise<number> {
    const token = `${workerId}:${newId()}`;
    const claimedAt = now();
    const batch = await repo.claimDue(db.kysely, db.engine, {
      now: claimedAt.toISOString(),
      leaseUntil: new Date(claimedAt.getTime() + leaseMs).toISOString(),
      token,
      limit: batchSize,
    });
    if (batch.length === 0) return 0;
    const sentIds: string[] = [];
    const failures: { m: repo.ClaimedMessage; reason: OutboundReason; detail: string; retryable: boolean }[] =
      [];
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const m = batch[next++] as repo.ClaimedMessage;
        const r = await send(m);
        if (r.sent) sentIds.push(m.id);
        else failures.push({ m, reason: r.reason, detail: r.detail.slice(0, 300), retryable: r.retryable });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
    const at = now();
    const stamp = at.toISOString();
    delivered += await repo.markSent(db.kysely, token, sentIds, stamp);
    for (const f of failures) {
      const delay = f.retryable
        ? nextAttemptDelay(f.m.attempts, { ...retry, maxAttempts: f.m.max_attempts }, random())
        : null;
      // Only the reason code and the server's reply are logged: never the address or a URL.
      opts.log?.warn(
        { messageId: f.m.id, channel: f.m.channel, reason: f.reason, attempts: f.m.attempts },
        'outbound message not sent',
      );
      if (delay === null)
        await repo.markFailed(db.kysely, token, f.m.id, { reason: f.reason, detail: f.detail, now: stamp });
      else
        await repo.markRetry(db.kysely, token, f.m.id, {
          reason: f.reason,
          detail: f.detail,
          nextAttemptAt: new Date(at.getTime() + delay).toISOString(),
          now: stamp,
        });
    }
    return batch.length;
  }

  const loop = (async () => {
    while (running) {
      let n = 0;
      try {
        n = await runBatch();
      } catch (err) {
        if (!running) break;
        opts.log?.error({ err }, 'outbound queue: claiming or recording failed');
      }
      if (n === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
        if (running) await sleep();
      }
    }
  })();

  return {
    wake,
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake();
      }),
    async stop() {
      running = false;
      unsubscribe();
      wake();
      await loop;
      for (const w of idleWaiters) w();
      idleWaiters = [];
    },
    get delivered() {
      return delivered;
    },
  };
}
