/**
 * Answers through personal links, written in batches. After a disaster everyone answers at once;
 * one transaction per answer would queue them behind each other (and behind the organization's
 * audit chain head). Here the answers that arrive while a batch is being written wait for the next
 * one, and each batch is one transaction: its answers, their audit entries (one each, one lock of
 * the chain head per organization) and their live events. Every answer is acknowledged only after
 * its batch has committed, exactly once per idempotency key, as `answerByLink` does for one.
 *
 * Batches are written by the answer writer (answer-writer.ts: a thread of its own on SQLite) as
 * answer-batch.ts says; if one fails as a whole, each of its answers is written alone, so one bad
 * answer never sinks the others.
 *
 * The links behind tokens are kept a minute in memory (a link never changes once sent; whether its
 * incident is still open is read in every batch), and so is an address's guessing count for a
 * second: the hot path reads the database only to write.
 */
import type { FastifyBaseLogger } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { SafetyAnswerInput } from '../../../shared/safety.js';
import type { Answered, BatchAnswer, Outcome } from './answer-batch.js';
import { type AnswerWriter, answerWriter } from './answer-writer.js';
import {
  type AnswerLink,
  bodyHash,
  countGuess,
  isGuessingLimited,
  type LinkView,
  openLink,
  type SafetyContext,
  tokenHash,
} from './service.js';

/** Answers written in one transaction at the most. */
const MAX_BATCH = 500;

interface Pending extends BatchAnswer {
  resolve: (out: Answered) => void;
  reject: (err: unknown) => void;
}

export class AnswerIngest {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private readonly writer: AnswerWriter;

  constructor(
    private readonly ctx: SafetyContext,
    log: FastifyBaseLogger,
  ) {
    this.writer = answerWriter(ctx, log);
  }

  /** Resolves once the answer is committed (or was already, for a replayed key). */
  submit(link: AnswerLink, key: string, input: SafetyAnswerInput): Promise<Answered> {
    return new Promise((resolve, reject) => {
      this.queue.push({ link, key, hash: bodyHash(input), input, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // The answers that arrive in this turn of the event loop join the same batch.
      setImmediate(() => {
        this.scheduled = false;
        this.pump();
      });
    });
  }

  /** Resolves when every answer submitted so far is written (the app waits for it as it closes). */
  async settled(): Promise<void> {
    while (this.scheduled || this.inFlight > 0 || this.queue.length > 0)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Writes what was submitted, then stops the writer (before the app's database closes). */
  async close(): Promise<void> {
    await this.settled();
    await this.writer.close();
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.writer.parallel) {
      this.inFlight++;
      void this.write(this.queue.splice(0, MAX_BATCH));
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    // Pending answers carry their promise's callbacks: only the answers go to the writer.
    const outcomes = await this.writer
      .write(batch.map(({ link, key, hash, input }) => ({ link, key, hash, input })))
      .catch((err: unknown): Outcome[] => batch.map(() => ({ err })));
    // The next batch goes to the writer first: answering this one's requests takes a while, and
    // the writer would wait for it.
    this.inFlight--;
    this.pump();
    for (const orgId of new Set(batch.map((p) => p.link.org_id))) this.ctx.bus.publish(orgId);
    batch.forEach((p, i) => {
      const out = outcomes[i];
      if (out && 'ok' in out) p.resolve(out.ok);
      else p.reject(out?.err);
    });
    if (this.inFlight === 0 && this.queue.length === 0)
      for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** A minute is long enough to spare the database during a wave of answers, short enough to notice a rename. */
const LINK_TTL_MS = 60_000;
/** How long an address's guessing count is trusted before it is read again (other processes count too). */
const GUESS_TTL_MS = 1000;

/**
 * The token look-ups of the answer endpoint: links by token (cached; GET reads the latest answer
 * too and is not cached) and whether an address is refused for guessing.
 */
export class AnswerLinks {
  private readonly links = new LRUCache<string, LinkView>({ max: 100_000, ttl: LINK_TTL_MS });
  private readonly limited = new LRUCache<string, boolean>({ max: 10_000, ttl: GUESS_TTL_MS });

  constructor(
    private readonly ctx: SafetyContext,
    private readonly limits: { failures: number; windowMs: number },
  ) {}

  /** True when the address has failed too often in the current window. */
  async isLimited(ip: string): Promise<boolean> {
    const cached = this.limited.get(ip);
    if (cached !== undefined) return cached;
    const out = await isGuessingLimited(this.ctx.db, ip, this.limits.failures, this.limits.windowMs);
    this.limited.set(ip, out);
    return out;
  }

  /** Counts a failed look-up of the address. */
  async countGuess(ip: string): Promise<void> {
    this.limited.delete(ip);
    await countGuess(this.ctx.db, ip, this.limits.windowMs);
  }

  /** The link behind a token, as the answer page shows it (with the latest answer). */
  async forPage(token: string) {
    const found = await openLink(this.ctx.db, token);
    if (found) this.links.set(tokenHash(token), found.link);
    return found;
  }

  /** The link behind a token, to answer through (kept by the token's hash, never the token). */
  async forAnswer(token: string): Promise<LinkView | null> {
    const hash = tokenHash(token);
    const cached = this.links.get(hash);
    if (cached) return cached;
    const found = await openLink(this.ctx.db, token, { latest: false });
    if (found) this.links.set(hash, found.link);
    return found?.link ?? null;
  }
}
