import type { Kysely } from 'kysely';
import {
  type ChatNotice,
  chatPayload,
  DEFAULT_RETRY,
  type OutboundChannel,
  type OutboundReason,
  type OutboundStatus,
} from '../../../domain/outbound.js';
import type { Database } from '../../db/schema.js';
import { invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import * as repo from './repo.js';
import { webhookUrlProblem } from './webhook.js';

/**
 * The outbound queue's use cases. Enqueue inside the caller's transaction (the request and its
 * messages commit together: a transactional outbox); the worker (worker.ts) sends them.
 */

export type OutboundMessage =
  | { channel: 'email'; dedupeKey: string; to: string; subject: string; text: string }
  | { channel: Exclude<OutboundChannel, 'email'>; dedupeKey: string; url: string; notice: ChatNotice };

const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
const MAX_BODY = 64 * 1024;

/** In-process workers to wake when something is queued (others find it at their next poll). */
const wakers = new Set<() => void>();
export function onEnqueued(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

/**
 * Queues messages for one organization. A message whose dedupe key the organization already used
 * is not queued again (a retried request sends nothing twice); the answer gives every key's id.
 */
export async function enqueue(
  db: Kysely<Database>,
  orgId: string,
  messages: readonly OutboundMessage[],
  opts: { maxAttempts?: number; notBefore?: string } = {},
): Promise<{ ids: string[]; created: number }> {
  const now = nowIso();
  const issues = messages.flatMap((m, i) => {
    const bad = (field: string) => [{ path: ['messages', i, field], code: 'invalid_format' }];
    if (!m.dedupeKey || m.dedupeKey.length > 200) return bad('dedupeKey');
    if (m.channel === 'email') return EMAIL_RE.test(m.to) && m.to.length <= 254 ? [] : bad('to');
    return webhookUrlProblem(m.url) ? bad('url') : [];
  });
  if (issues.length) throw invalid('validation_failed', { issues });
  const rows: repo.NewOutboundRow[] = messages.map((m) => {
    const email = m.channel === 'email';
    const body = email ? m.text : JSON.stringify(chatPayload(m.channel, m.notice));
    return {
      id: newId(),
      org_id: orgId,
      channel: m.channel,
      dedupe_key: m.dedupeKey,
      recipient: email ? m.to.trim() : m.url,
      subject: email ? m.subject : null,
      body: body.slice(0, MAX_BODY),
      max_attempts: opts.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
      next_attempt_at: opts.notBefore ?? now,
      created_at: now,
      updated_at: now,
    };
  });
  const { created, idByKey } = await repo.insertMessages(db, orgId, rows);
  if (created.size) for (const wake of wakers) wake();
  return { ids: messages.map((m) => idByKey.get(m.dedupeKey) ?? ''), created: created.size };
}

export interface FailedMessage {
  id: string;
  channel: OutboundChannel;
  dedupeKey: string;
  /** An email address; for a webhook only its host (the URL holds the service's secret). */
  recipient: string;
  subject: string | null;
  attempts: number;
  reason: OutboundReason | null;
  detail: string | null;
  failedAt: string | null;
}

/** The organization's messages that could not be delivered, newest first, with the reason. */
export async function listFailures(
  db: Kysely<Database>,
  orgId: string,
  limit = 100,
): Promise<FailedMessage[]> {
  const rows = await repo.listFailed(db, orgId, Math.min(Math.max(1, limit), 1000));
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    dedupeKey: r.dedupe_key,
    recipient: r.channel === 'email' ? r.recipient : safeHost(r.recipient),
    subject: r.subject,
    attempts: r.attempts,
    reason: r.last_reason,
    detail: r.last_detail,
    failedAt: r.failed_at,
  }));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export interface MessageState {
  status: OutboundStatus;
  /** Why it was given up (failed only). */
  reason: OutboundReason | null;
  failedAt: string | null;
}

/**
 * Where each of the organization's messages whose key starts with `prefix` stands, by key: what a
 * module shows next to the person it wrote to (e.g. a mail that could not be delivered).
 */
export async function messageStates(
  db: Kysely<Database>,
  orgId: string,
  prefix: string,
): Promise<Map<string, MessageState>> {
  if (/[%_\\]/.test(prefix)) throw new Error('messageStates: the prefix may not hold % _ or \\');
  const rows = await repo.statesByKeyPrefix(db, orgId, prefix);
  return new Map(
    rows.map((r) => [r.dedupe_key, { status: r.status, reason: r.last_reason, failedAt: r.failed_at }]),
  );
}

/** How many of the organization's messages are queued, sending, sent and failed. */
export function countMessages(db: Kysely<Database>, orgId: string): Promise<Record<string, number>> {
  return repo.countByStatus(db, orgId);
}
