/**
 * Writing a batch of answers taken through personal links (see ingest.ts): one transaction for the
 * batch — its answers, their audit entries (one lock of each organization's chain head) and their
 * live events — and, if that fails as a whole (another process stored the same key meanwhile, a
 * lost connection), each answer alone, so one bad answer never sinks the others. Runs where the
 * answer writer runs (answer-writer.ts): a thread of its own on SQLite, the app's on PostgreSQL.
 */
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
  presentAnswer,
  questionsOf,
  type SafetyContext,
} from './service.js';

/** An answer to write: through which link, under which idempotency key and body hash. */
export interface BatchAnswer {
  link: AnswerLink;
  key: string;
  hash: string;
  input: SafetyAnswerInput;
}

export type Answered = { answer: SafetyAnswer; replayed: boolean };
export type Outcome = { ok: Answered } | { err: unknown };

/** The outcome of each answer, in the batch's order; never throws. */
export async function writeAnswers(ctx: SafetyContext, batch: readonly BatchAnswer[]): Promise<Outcome[]> {
  try {
    return await writeBatch(ctx, batch);
  } catch {
    // One at a time, each with its own outcome (answerByLink also sorts out a key stored meanwhile).
    const outcomes: Outcome[] = [];
    for (const p of batch)
      outcomes.push(
        await answerByLink(ctx, p.link, p.key, p.input).then(
          (ok) => ({ ok }),
          (err: unknown) => ({ err }),
        ),
      );
    return outcomes;
  }
}

/** One transaction for the whole batch; the outcome of each answer, in the batch's order. */
function writeBatch(ctx: SafetyContext, batch: readonly BatchAnswer[]): Promise<Outcome[]> {
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
