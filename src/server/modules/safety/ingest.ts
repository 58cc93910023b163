/**
 * Answers through personal links, written in batches. After a disaster everyone answers at once;
 * one transaction per answer would queue them behind each other (and behind the organization's
 * audit chain head). Here the answers that arrive while a batch is being written wait for the next
 * one, and each batch is one transaction: its answers, their audit entries (one each, one lock of
 * the chain head per organization) and their live events. Every answer is acknowledged only after
 * its batch has committed, exactly once per idempotency key, as `answerByLink` does for one.
 *
 * If a batch fails as a whole (another process stored the same key meanwhile, a lost connection),
 * each of its answers is written alone, so one bad answer never sinks the others.
 *
 * The links behind tokens are kept a minute in memory (a link never changes once sent; whether its
 * incident is still open is read in every batch), and so is an address's guessing count for a
 * second: the hot path reads the database only to write.
 */
import { LRUCache } from 'lru-cache';
import type { SafetyAnswer, SafetyAnswerInput } from '../../../shared/safety.js';
import type { SafetyAnswerRow } from '../../db/schema.js';
import { audited } from '../../db/tx.js';
import { conflict } from '../../errors.js';
import { appendIncidentEvents } from '../incidents/index.js';
import * as repo from './repo.js';
import {
  type AnswerLink,
  answerByLink,
  answerRow,
  bodyHash,
  countGuess,
  isGuessingLimited,
  type LinkView,
  openLink,
  presentAnswer,
  questionsOf,
  type SafetyContext,
  tokenHash,
} from './service.js';

/** Answers written in one transaction at the most. */
const MAX_BATCH = 500;

type Answered = { answer: SafetyAnswer; replayed: boolean };
type Outcome = { ok: Answered } | { err: unknown };

interface Pending {
  link: AnswerLink;
  key: string;
  hash: string;
  input: SafetyAnswerInput;
  resolve: (out: Answered) => void;
  reject: (err: unknown) => void;
}

export class AnswerIngest {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  /**
   * Batches written at once: SQLite has one writer; on PostgreSQL a batch can prepare its rows while
   * another holds the organization's chain head and commits.
   */
  private readonly maxInFlight: number;

  constructor(private readonly ctx: SafetyContext) {
    this.maxInFlight = ctx.db.engine === 'pg' ? 3 : 1;
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

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      this.inFlight++;
      void this.write(this.queue.splice(0, MAX_BATCH)).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0)
          for (const resolve of this.waiting.splice(0)) resolve();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await writeBatch(this.ctx, batch);
    } catch {
      // One at a time, each with its own outcome (answerByLink also sorts out a key stored meanwhile).
      for (const p of batch) {
        await answerByLink(this.ctx, p.link, p.key, p.input).then(p.resolve, p.reject);
      }
      return;
    }
    for (const orgId of new Set(batch.map((p) => p.link.org_id))) this.ctx.bus.publish(orgId);
    batch.forEach((p, i) => {
      const out = outcomes[i];
      if (out && 'ok' in out) p.resolve(out.ok);
      else p.reject(out?.err);
    });
  }
}

/** One transaction for the whole batch; the outcome of each answer, in the batch's order. */
function writeBatch(ctx: SafetyContext, batch: readonly Pending[]): Promise<Outcome[]> {
  return audited(ctx.db, { userId: null, orgId: null }, async (tx) => {
    const pairKey = (recipientId: string, key: string) => `${recipientId}\n${key}`;
    const known = new Map<string, SafetyAnswerRow>();
    const pairs = batch.map((p) => ({ recipientId: p.link.recipient_id, key: p.key }));
    for (const row of await repo.answersByKeys(tx.trx, pairs))
      known.set(pairKey(row.recipient_id, row.idempotency_key ?? ''), row);
    const statuses = await repo.incidentStatuses(tx.trx, [...new Set(batch.map((p) => p.link.incident_id))]);

    const fresh: { row: SafetyAnswerRow; name: string }[] = [];
    const outcomes = batch.map((p): Outcome => {
      const id = pairKey(p.link.recipient_id, p.key);
      const prior = known.get(id);
      if (prior)
        return prior.body_hash === p.hash
          ? { ok: { answer: presentAnswer(prior, new Map()), replayed: true } }
          : { err: conflict('idempotency_key_reused') };
      const status = statuses.get(p.link.incident_id);
      if (status === undefined || status === 'closed') return { err: conflict('incident_closed') };
      const row = answerRow(
        {
          org_id: p.link.org_id,
          incident_id: p.link.incident_id,
          recipient_id: p.link.recipient_id,
          proxy_user_id: null,
          idempotency_key: p.key,
          body_hash: p.hash,
        },
        questionsOf(p.link.questions),
        p.input,
      );
      known.set(id, row);
      fresh.push({ row, name: p.link.person_name });
      return { ok: { answer: presentAnswer(row, new Map()), replayed: false } };
    });

    await repo.insertAnswers(
      tx.trx,
      fresh.map((f) => f.row),
    );
    // Organizations in a fixed order, so two batches never wait on each other's chain heads.
    const orgIds = [...new Set(fresh.map((f) => f.row.org_id))].sort();
    for (const orgId of orgIds) {
      const mine = fresh.filter((f) => f.row.org_id === orgId);
      await repo.setLatestAnswers(
        tx.trx,
        orgId,
        mine.map((f) => f.row),
      );
      await tx.auditMany(
        mine.map(({ row, name }) => ({
          orgId,
          action: 'safety.answer',
          entityType: 'safety_answer',
          entityId: row.id,
          after: { name, safetyStatus: row.status },
        })),
      );
      await appendIncidentEvents(
        tx,
        orgId,
        mine.map(({ row }) => ({
          incidentId: row.incident_id,
          kind: 'safety.answered',
          subjectId: row.recipient_id,
        })),
      );
    }
    return outcomes;
  });
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
