import type { Kysely } from 'kysely';
/**
 * Safety confirmation use cases (安否確認, PRODUCT module 11): send a request of an incident to
 * everyone or a filter, with a personal link per person (mail through the outbound queue, an
 * optional chat announcement, in-app for members); take answers through the link or by a manager
 * on someone's behalf (append-only, exactly once per idempotency key); totals, non-responders,
 * answer times; reminders and resends. Every write is audited and appends a live incident event in
 * the same transaction; the event bus wakes the HQ screens after the commit. Rules: src/domain/safety.ts.
 */

import crypto from 'node:crypto';
import { z } from 'zod';
import {
  answerTimes,
  nextReminderAt,
  type SafetyQuestion,
  type SafetyStatus,
  statusTotals,
  totalsBy,
} from '../../../domain/safety.js';
import type { FieldIssue } from '../../../shared/problem.js';
import type {
  MySafetyRequests,
  SafetyAnswer,
  SafetyAnswerInput,
  SafetyFilter,
  SafetyOverview,
  SafetyRequestCreate,
  SafetyResend,
  SafetySent,
} from '../../../shared/safety.js';
import { StoredSafetyFilterSchema } from '../../../shared/safety.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type { Database, SafetyAnswerRow, SafetyRecipientRow } from '../../db/schema.js';
import { type AuditedTx, audited, isUniqueViolation } from '../../db/tx.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { EventBus } from '../../realtime/event-bus.js';
import { appendIncidentEvent } from '../incidents/index.js';
import { enqueue, type MessageState, messageStates, type OutboundMessage } from '../outbound/index.js';
import type { OrgActor } from '../types.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

/** What a write needs: the database, the bus that wakes the HQ screens, and the public address of links. */
export interface SafetyContext {
  db: Db;
  bus: EventBus;
  /** The public base URL (BASE_URL): links are `<baseUrl>/a/<token>`. */
  baseUrl: string;
}

const Questions = z.array(z.string());
const issue = (path: (string | number)[], code: string): FieldIssue => ({ path, code });

// --- tokens -----------------------------------------------------------------------------------

/** A personal link's token: 256 random bits, base64url (43 characters). */
function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Only this is stored: the SHA-256 of the token, hex. */
export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A token as newToken makes them; anything else is refused before any look-up. */
function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

// --- helpers ----------------------------------------------------------------------------------

async function write<T>(
  ctx: SafetyContext,
  actor: OrgActor | { userId: null; orgId: string },
  fn: (tx: AuditedTx) => Promise<T>,
): Promise<T> {
  const out = await audited(ctx.db, actor, fn);
  ctx.bus.publish(actor.orgId);
  return out;
}

async function openIncident(trx: Q, orgId: string, id: string) {
  const row = await repo.findIncident(trx, orgId, id);
  if (!row) throw notFound();
  if (row.status === 'closed') throw conflict('incident_closed');
  return row;
}

function questionsOf(text: string): SafetyQuestion[] {
  return decodeJsonColumn(Questions, text, 'safety_requests.questions') as SafetyQuestion[];
}

/** The questions asked, in the order of the list, with status always first. */
function normalQuestions(list: readonly SafetyQuestion[]): SafetyQuestion[] {
  return ['status', ...list.filter((q) => q !== 'status')].filter(
    (q, i, all) => all.indexOf(q) === i,
  ) as SafetyQuestion[];
}

interface Mailable {
  recipientId: string;
  name: string;
  email: string | null;
}

/**
 * Mints a new link for each recipient and queues its mail; returns how many mails were queued.
 * Every earlier link of the person stays valid (a mail may arrive late or out of order).
 */
async function sendLinks(
  ctx: SafetyContext,
  tx: AuditedTx,
  orgId: string,
  incident: { title: string; mode: string },
  people: readonly Mailable[],
  purpose: 'request' | 'reminder' | 'resend',
  sendNo: (recipientId: string) => number,
): Promise<number> {
  const now = nowIso();
  const links: { token_hash: string; org_id: string; recipient_id: string; created_at: string }[] = [];
  const mails: OutboundMessage[] = [];
  const org = await repo.orgName(tx.trx, orgId);
  for (const p of people) {
    if (!p.email) continue;
    const token = newToken();
    links.push({ token_hash: tokenHash(token), org_id: orgId, recipient_id: p.recipientId, created_at: now });
    const url = `${ctx.baseUrl.replace(/\/$/, '')}/a/${token}`;
    mails.push({
      channel: 'email',
      dedupeKey: `safety:${p.recipientId}:${sendNo(p.recipientId)}`,
      to: p.email,
      ...safetyMail(org?.name ?? '', incident, p.name, url, purpose),
    });
  }
  await repo.insertLinks(tx.trx, links);
  if (mails.length) await enqueue(tx.trx, orgId, mails);
  await repo.markSent(
    tx.trx,
    orgId,
    links.map((l) => l.recipient_id),
    now,
  );
  return mails.length;
}

/** The mail with the personal link: Japanese first, English below. */
function safetyMail(
  orgName: string,
  incident: { title: string; mode: string },
  name: string,
  url: string,
  purpose: 'request' | 'reminder' | 'resend',
): { subject: string; text: string } {
  const drill = incident.mode === 'drill';
  const tagJa = `${drill ? '【訓練】' : ''}${purpose === 'reminder' ? '【再送】' : ''}`;
  const tagEn = `${drill ? '[Drill] ' : ''}${purpose === 'reminder' ? '[Reminder] ' : ''}`;
  return {
    subject: `${tagJa}安否確認: ${incident.title} / ${tagEn}Safety check`,
    text: [
      `${name} 様`,
      '',
      `${orgName}から安否の確認です（${incident.title}）。`,
      '下のリンクを開いて、いまの状況を答えてください。ログインは要りません。',
      'このリンクはあなた専用です。ほかの人に転送しないでください。',
      '',
      url,
      '',
      '----',
      `${orgName} asks whether you are safe (${incident.title}).`,
      'Open the link above and answer; no login is needed. The link is yours alone: do not forward it.',
      drill ? '\nこれは訓練です。 / This is a drill.' : '',
    ].join('\n'),
  };
}

// --- requests ---------------------------------------------------------------------------------

/** Sends a safety request of an incident to the people matching the filter not yet asked in it. */
export async function sendRequest(
  ctx: SafetyContext,
  actor: OrgActor,
  incidentId: string,
  input: SafetyRequestCreate,
): Promise<SafetySent> {
  const now = nowIso();
  if (input.reminders.deadlineAt && Date.parse(input.reminders.deadlineAt) <= Date.now())
    throw invalid('validation_failed', { issues: [issue(['reminders', 'deadlineAt'], 'in_the_past')] });
  return write(ctx, actor, async (tx) => {
    const incident = await openIncident(tx.trx, actor.orgId, incidentId);
    const asked = await repo.askedPersonIds(tx.trx, actor.orgId, incidentId);
    const people = (await repo.matchingPeople(tx.trx, actor.orgId, input.filter)).filter(
      (p) => !asked.has(p.id),
    );
    if (people.length === 0)
      throw invalid('validation_failed', { issues: [issue(['filter'], 'safety_no_people')] });
    const questions = normalQuestions(input.questions);
    const schedule = {
      count: input.reminders.count,
      intervalMinutes: input.reminders.intervalMinutes,
      deadlineAt: input.reminders.deadlineAt ?? null,
    };
    const requestId = newId();
    await repo.insertRequest(tx.trx, {
      id: requestId,
      org_id: actor.orgId,
      incident_id: incidentId,
      filter: JSON.stringify(input.filter),
      questions: JSON.stringify(questions),
      note: input.note || null,
      reminder_count: schedule.count,
      reminder_interval_minutes: schedule.intervalMinutes,
      deadline_at: schedule.deadlineAt,
      reminders_sent: 0,
      next_reminder_at: nextReminderAt(now, schedule, 0),
      created_by: actor.userId,
      created_at: now,
    });
    const rows: SafetyRecipientRow[] = people.map((p) => ({
      id: newId(),
      org_id: actor.orgId,
      incident_id: incidentId,
      request_id: requestId,
      person_id: p.id,
      asked_at: now,
      sent_count: 0,
      last_sent_at: null,
      first_answered_at: null,
      latest_answer_id: null,
      latest_status: null,
    }));
    await repo.insertRecipients(tx.trx, rows);
    const emails = await sendLinks(
      ctx,
      tx,
      actor.orgId,
      incident,
      rows.map((r, i) => ({
        recipientId: r.id,
        name: people[i]?.name ?? '',
        email: people[i]?.email ?? null,
      })),
      'request',
      () => 0,
    );
    if (input.announce) {
      const drill = incident.mode === 'drill';
      await enqueue(tx.trx, actor.orgId, [
        {
          channel: input.announce.channel,
          dedupeKey: `safety:${requestId}:announce`,
          url: input.announce.url,
          notice: {
            title: `${drill ? '【訓練】' : ''}安否確認 / Safety check: ${incident.title}`,
            text:
              `${people.length}人に安否確認を送りました。メールのリンクから回答してください。\n` +
              `A safety check went to ${people.length} people: answer through the link in your mail.`,
          },
        },
      ]);
    }
    await tx.audit({
      action: 'safety.request',
      entityType: 'safety_request',
      entityId: requestId,
      after: {
        name: incident.title,
        recipients: rows.length,
        emails,
        questions: questions.join(', '),
        reminderCount: schedule.count,
        reminderIntervalMinutes: schedule.intervalMinutes,
        deadlineAt: schedule.deadlineAt,
      },
    });
    await appendIncidentEvent(tx, actor.orgId, incidentId, 'safety.requested', requestId);
    return { recipients: rows.length, emails };
  });
}

function matches(
  r: {
    site_id: string | null;
    department_id: string | null;
    home_prefecture: string | null;
    employment_status: string;
  },
  f: SafetyFilter,
): boolean {
  if (f.siteIds?.length && !f.siteIds.includes(r.site_id ?? '')) return false;
  if (f.departmentIds?.length && !f.departmentIds.includes(r.department_id ?? '')) return false;
  if (f.prefectureCodes?.length && !(f.prefectureCodes as string[]).includes(r.home_prefecture ?? ''))
    return false;
  if (f.employmentStatuses?.length && !(f.employmentStatuses as string[]).includes(r.employment_status))
    return false;
  return true;
}

/** Sends a new link now to the people of the incident not yet answered who match the filter. */
export async function resend(
  ctx: SafetyContext,
  actor: OrgActor,
  incidentId: string,
  input: SafetyResend,
): Promise<SafetySent> {
  return write(ctx, actor, async (tx) => {
    const incident = await openIncident(tx.trx, actor.orgId, incidentId);
    const all = await repo.recipientsOf(tx.trx, actor.orgId, incidentId);
    const targets = all.filter((r) => r.first_answered_at === null && matches(r, input.filter));
    if (targets.length === 0)
      throw invalid('validation_failed', { issues: [issue(['filter'], 'safety_no_people')] });
    const sentCount = new Map(targets.map((r) => [r.id, r.sent_count]));
    const emails = await sendLinks(
      ctx,
      tx,
      actor.orgId,
      incident,
      targets.map((r) => ({ recipientId: r.id, name: r.name, email: r.email })),
      'resend',
      (id) => sentCount.get(id) ?? 0,
    );
    await tx.audit({
      action: 'safety.resend',
      entityType: 'incident',
      entityId: incidentId,
      after: { name: incident.title, recipients: targets.length, emails },
    });
    await appendIncidentEvent(tx, actor.orgId, incidentId, 'safety.requested', null);
    return { recipients: targets.length, emails };
  });
}

/**
 * Sends every reminder that is due (a small worker calls this each minute; tests call it with a
 * clock): to each request's people who have not answered, a new link. A reminder is claimed by
 * moving the request's counter on, so two processes never send the same one.
 */
export async function sendDueReminders(ctx: SafetyContext, now: Date = new Date()): Promise<number> {
  const due = await repo.dueReminders(ctx.db.kysely, now.toISOString(), 50);
  let mails = 0;
  for (const q of due) {
    const schedule = {
      count: q.reminder_count,
      intervalMinutes: q.reminder_interval_minutes,
      deadlineAt: q.deadline_at,
    };
    mails += await write(ctx, { userId: null, orgId: q.org_id }, async (tx) => {
      const next = nextReminderAt(q.created_at, schedule, q.reminders_sent + 1);
      if (!(await repo.advanceReminder(tx.trx, q.org_id, q.id, q.reminders_sent, next))) return 0;
      const targets = (await repo.recipientsOf(tx.trx, q.org_id, q.incident_id)).filter(
        (r) => r.request_id === q.id && r.first_answered_at === null,
      );
      const sentCount = new Map(targets.map((r) => [r.id, r.sent_count]));
      const emails = await sendLinks(
        ctx,
        tx,
        q.org_id,
        { title: q.incident_title, mode: q.mode },
        targets.map((r) => ({ recipientId: r.id, name: r.name, email: r.email })),
        'reminder',
        (id) => sentCount.get(id) ?? 0,
      );
      await tx.audit({
        action: 'safety.remind',
        entityType: 'safety_request',
        entityId: q.id,
        after: { name: q.incident_title, recipients: targets.length, emails, reminder: q.reminders_sent + 1 },
      });
      await appendIncidentEvent(tx, q.org_id, q.incident_id, 'safety.requested', q.id);
      return emails;
    });
  }
  return mails;
}

/** Runs sendDueReminders every `everyMs` until stopped. */
export function startReminderWorker(
  ctx: SafetyContext,
  log: { error(obj: object, msg: string): void },
  everyMs = 60_000,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sendDueReminders(ctx).catch((err) => log.error({ err }, 'safety reminders failed'));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

// --- answers ----------------------------------------------------------------------------------

export function presentAnswer(r: SafetyAnswerRow, names: Map<string, string>): SafetyAnswer {
  return {
    id: r.id,
    status: r.status,
    location: r.location_text,
    coords: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng, accuracy: r.accuracy } : null,
    canWork: r.can_work,
    familySafe: r.family_safe === null ? null : r.family_safe === 1,
    homeDamage: r.home_damage,
    message: r.message,
    proxyBy: r.proxy_user_id ? (names.get(r.proxy_user_id) ?? '') : null,
    answeredAt: r.answered_at,
  };
}

/** The answer as stored: only the questions asked, empty text as nothing. */
export function answerRow(
  base: Pick<
    SafetyAnswerRow,
    'org_id' | 'incident_id' | 'recipient_id' | 'proxy_user_id' | 'idempotency_key' | 'body_hash'
  >,
  questions: readonly SafetyQuestion[],
  input: SafetyAnswerInput,
): SafetyAnswerRow {
  const asks = (q: SafetyQuestion) => questions.includes(q);
  const location = asks('location');
  return {
    id: newId(),
    ...base,
    status: input.status,
    location_text: location && input.location ? input.location : null,
    lat: location && input.coords ? input.coords.lat : null,
    lng: location && input.coords ? input.coords.lng : null,
    accuracy: location && input.coords ? (input.coords.accuracy ?? null) : null,
    can_work: asks('can_work') ? (input.canWork ?? null) : null,
    family_safe: asks('family_safe') && input.familySafe != null ? (input.familySafe ? 1 : 0) : null,
    home_damage: asks('home_damage') ? (input.homeDamage ?? null) : null,
    message: asks('message') && input.message ? input.message : null,
    answered_at: nowIso(),
  };
}

/** The hash of an answer's content, to tell a replay (same body) from a reused key (another body). */
export function bodyHash(input: SafetyAnswerInput): string {
  const canonical = JSON.stringify({
    status: input.status,
    location: input.location || null,
    coords: input.coords ? [input.coords.lat, input.coords.lng, input.coords.accuracy ?? null] : null,
    canWork: input.canWork ?? null,
    familySafe: input.familySafe ?? null,
    homeDamage: input.homeDamage ?? null,
    message: input.message || null,
  });
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

async function storeAnswer(tx: AuditedTx, row: SafetyAnswerRow, who: { proxy: boolean; name: string }) {
  await repo.insertAnswer(tx.trx, row);
  await repo.setLatestAnswer(tx.trx, row);
  await tx.audit({
    action: who.proxy ? 'safety.proxy_answer' : 'safety.answer',
    entityType: 'safety_answer',
    entityId: row.id,
    after: { name: who.name, safetyStatus: row.status },
  });
  await appendIncidentEvent(tx, row.org_id, row.incident_id, 'safety.answered', row.recipient_id);
}

export type LinkView = NonNullable<Awaited<ReturnType<typeof repo.findByTokenHash>>>;
/** What answering through a link needs of it. */
export type AnswerLink = Pick<
  LinkView,
  'org_id' | 'incident_id' | 'recipient_id' | 'questions' | 'person_name'
>;

/**
 * What a well-formed token opens, or null (unknown, or of a closed incident: both read as invalid);
 * with its latest answer unless `latest: false`.
 */
export async function openLink(
  db: Db,
  token: string,
  opts: { latest?: boolean } = {},
): Promise<{ link: LinkView; latest: SafetyAnswer | null } | null> {
  if (!isWellFormedToken(token)) return null;
  const link = await repo.findByTokenHash(db.kysely, tokenHash(token));
  if (!link) return null;
  const latest =
    opts.latest !== false && link.latest_answer_id
      ? await repo.findAnswer(db.kysely, link.org_id, link.latest_answer_id)
      : null;
  return { link, latest: latest ? presentAnswer(latest, new Map()) : null };
}

export { questionsOf };

/**
 * Takes an answer through a personal link, exactly once per idempotency key: the same key with the
 * same content gives back the stored answer (replayed: true); the same key with other content is
 * refused. Answers to a closed incident are refused in words.
 */
export async function answerByLink(
  ctx: SafetyContext,
  link: AnswerLink,
  key: string,
  input: SafetyAnswerInput,
): Promise<{ answer: SafetyAnswer; replayed: boolean }> {
  const hash = bodyHash(input);
  const replay = async () => {
    const prior = await repo.answerByKey(ctx.db.kysely, link.org_id, link.recipient_id, key);
    if (!prior) return null;
    if (prior.body_hash !== hash) throw conflict('idempotency_key_reused');
    return { answer: presentAnswer(prior, new Map()), replayed: true };
  };
  const early = await replay();
  if (early) return early;
  try {
    return await write(ctx, { userId: null, orgId: link.org_id }, async (tx) => {
      const incident = await repo.findIncident(tx.trx, link.org_id, link.incident_id);
      if (!incident || incident.status === 'closed') throw conflict('incident_closed');
      const row = answerRow(
        {
          org_id: link.org_id,
          incident_id: link.incident_id,
          recipient_id: link.recipient_id,
          proxy_user_id: null,
          idempotency_key: key,
          body_hash: hash,
        },
        questionsOf(link.questions),
        input,
      );
      await storeAnswer(tx, row, { proxy: false, name: link.person_name });
      return { answer: presentAnswer(row, new Map()), replayed: false };
    });
  } catch (err) {
    // The same key raced in twice at once: the other one stored it.
    if (isUniqueViolation(err)) {
      const late = await replay();
      if (late) return late;
    }
    throw err;
  }
}

/** A manager answers on a person's behalf (marked as a proxy answer, with who gave it). */
export async function proxyAnswer(
  ctx: SafetyContext,
  actor: OrgActor,
  incidentId: string,
  recipientId: string,
  input: SafetyAnswerInput,
): Promise<SafetyAnswer> {
  return write(ctx, actor, async (tx) => {
    await openIncident(tx.trx, actor.orgId, incidentId);
    const recipient = await repo.findRecipient(tx.trx, actor.orgId, recipientId);
    if (!recipient || recipient.incident_id !== incidentId) throw notFound();
    const request = (await repo.listRequests(tx.trx, actor.orgId, incidentId)).find(
      (q) => q.id === recipient.request_id,
    );
    const people = await repo.recipientsOf(tx.trx, actor.orgId, incidentId);
    const name = people.find((p) => p.id === recipientId)?.name ?? '';
    const row = answerRow(
      {
        org_id: actor.orgId,
        incident_id: incidentId,
        recipient_id: recipientId,
        proxy_user_id: actor.userId,
        idempotency_key: null,
        body_hash: null,
      },
      request ? questionsOf(request.questions) : ['status'],
      input,
    );
    await storeAnswer(tx, row, { proxy: true, name });
    return presentAnswer(row, await repo.userNames(tx.trx, actor.userId ? [actor.userId] : []));
  });
}

// --- reading ----------------------------------------------------------------------------------

/** Totals by status, site and department, every recipient with their latest answer, and answer times. */
export async function overview(db: Db, orgId: string, incidentId: string): Promise<SafetyOverview> {
  const q = db.kysely;
  const incident = await repo.findIncident(q, orgId, incidentId);
  if (!incident) throw notFound();
  const [requests, recipients] = await Promise.all([
    repo.listRequests(q, orgId, incidentId),
    repo.recipientsOf(q, orgId, incidentId),
  ]);
  const latest = await repo.latestAnswers(
    q,
    orgId,
    recipients.flatMap((r) => (r.latest_answer_id ? [r.latest_answer_id] : [])),
  );
  const names = await repo.userNames(
    q,
    latest.flatMap((a) => (a.proxy_user_id ? [a.proxy_user_id] : [])),
  );
  const byId = new Map(latest.map((a) => [a.id, presentAnswer(a, names)]));
  const status = (r: { latest_status: SafetyStatus | null }) => r.latest_status;
  type R = (typeof recipients)[number];
  const group = (key: (r: R) => string | null, name: (r: R) => string | null) => {
    const labels = new Map(recipients.map((r) => [key(r), name(r)]));
    return [...totalsBy(recipients.map((r) => ({ status: status(r), key: key(r) })))].map(([id, totals]) => ({
      id,
      name: labels.get(id) ?? null,
      totals,
    }));
  };
  const mails = await latestMailByRecipient(q, orgId);
  const minutes = recipients.flatMap((r) =>
    r.first_answered_at ? [(Date.parse(r.first_answered_at) - Date.parse(r.asked_at)) / 60_000] : [],
  );
  return {
    incidentId,
    mode: incident.mode,
    requests: requests.map((r) => ({
      id: r.id,
      filter: decodeJsonColumn(StoredSafetyFilterSchema, r.filter, 'safety_requests.filter'),
      questions: questionsOf(r.questions),
      note: r.note,
      reminders: {
        count: r.reminder_count,
        intervalMinutes: r.reminder_interval_minutes,
        deadlineAt: r.deadline_at,
        sent: r.reminders_sent,
        nextAt: r.next_reminder_at,
      },
      recipients: recipients.filter((p) => p.request_id === r.id).length,
      createdAt: r.created_at,
    })),
    totals: statusTotals(recipients.map((r) => ({ status: status(r) }))),
    bySite: group(
      (r) => r.site_id,
      (r) => r.site_name,
    ),
    byDepartment: group(
      (r) => r.department_id,
      (r) => r.department_name,
    ),
    recipients: recipients.map((r) => ({
      id: r.id,
      personId: r.person_id,
      name: r.name,
      siteName: r.site_name,
      departmentName: r.department_name,
      hasEmail: Boolean(r.email),
      status: r.latest_status,
      firstAnsweredAt: r.first_answered_at,
      latest: r.latest_answer_id ? (byId.get(r.latest_answer_id) ?? null) : null,
      sentCount: r.sent_count,
      lastSentAt: r.last_sent_at,
      mail: mails.get(r.id) ?? null,
    })),
    answerTimes: answerTimes(recipients.length, minutes),
  };
}

/**
 * The latest safety mail of each recipient (keys `safety:<recipient>:<n>`, the highest n), so the
 * HQ sees whose mail could not be delivered.
 */
async function latestMailByRecipient(q: Kysely<Database>, orgId: string): Promise<Map<string, MessageState>> {
  const latest = new Map<string, { n: number; state: MessageState }>();
  for (const [key, state] of await messageStates(q, orgId, 'safety:')) {
    const [, recipientId, n] = key.split(':');
    if (!recipientId) continue;
    const seen = latest.get(recipientId);
    if (!seen || Number(n) > seen.n) latest.set(recipientId, { n: Number(n), state });
  }
  return new Map([...latest].map(([id, v]) => [id, v.state]));
}

/** Every version of a person's answer, newest first. */
export async function history(
  db: Db,
  orgId: string,
  incidentId: string,
  recipientId: string,
): Promise<{ items: SafetyAnswer[] }> {
  const recipient = await repo.findRecipient(db.kysely, orgId, recipientId);
  if (!recipient || recipient.incident_id !== incidentId) throw notFound();
  const rows = await repo.answersOf(db.kysely, orgId, recipientId);
  const names = await repo.userNames(
    db.kysely,
    rows.flatMap((a) => (a.proxy_user_id ? [a.proxy_user_id] : [])),
  );
  return { items: rows.map((r) => presentAnswer(r, names)) };
}

/** In-app: the open requests addressed to the signed-in member (matched by their e-mail address). */
export async function myRequests(db: Db, orgId: string, email: string | null): Promise<MySafetyRequests> {
  if (!email) return { items: [] };
  const rows = await repo.requestsForEmail(db.kysely, orgId, email);
  return {
    items: rows.map((r) => ({
      incidentId: r.incident_id,
      incidentTitle: r.title,
      mode: r.mode,
      recipientId: r.id,
      answered: r.first_answered_at !== null,
    })),
  };
}

// --- guessing -----------------------------------------------------------------------------------

function failureWindow(now: number, windowMs: number): string {
  return new Date(Math.floor(now / windowMs) * windowMs).toISOString();
}

const addressHash = (ip: string) => crypto.createHash('sha256').update(`safety:${ip}`).digest('hex');

/** True when this address has failed too many look-ups in the current window (shared by every process). */
export async function isGuessingLimited(
  db: Db,
  ip: string,
  limit: number,
  windowMs: number,
): Promise<boolean> {
  return (await repo.failuresIn(db.kysely, addressHash(ip), failureWindow(Date.now(), windowMs))) >= limit;
}

export async function countGuess(db: Db, ip: string, windowMs: number): Promise<void> {
  await repo.countFailure(db.kysely, addressHash(ip), failureWindow(Date.now(), windowMs));
}

// --- demo -------------------------------------------------------------------------------------

interface PastAnswer {
  at: string;
  status: SafetyStatus;
  canWork?: SafetyAnswerInput['canWork'];
  familySafe?: boolean;
  message?: string;
  /** The member who recorded it on the person's behalf. */
  proxyUserId?: string | null;
}

/**
 * The demo's past drill: a request sent at `sentAt` to the given people and their answers at
 * their own times, written in the demo's transaction (no mail, no links: the drill is over).
 */
export async function addPastRequest(
  tx: AuditedTx,
  actor: OrgActor,
  incidentId: string,
  sentAt: string,
  questions: readonly SafetyQuestion[],
  people: readonly { personId: string; answer: PastAnswer | null }[],
): Promise<void> {
  const requestId = newId();
  await repo.insertRequest(tx.trx, {
    id: requestId,
    org_id: actor.orgId,
    incident_id: incidentId,
    filter: '{}',
    questions: JSON.stringify(normalQuestions(questions)),
    note: null,
    reminder_count: 0,
    reminder_interval_minutes: 60,
    deadline_at: null,
    reminders_sent: 0,
    next_reminder_at: null,
    created_by: actor.userId,
    created_at: sentAt,
  });
  const rows: SafetyRecipientRow[] = people.map((p) => ({
    id: newId(),
    org_id: actor.orgId,
    incident_id: incidentId,
    request_id: requestId,
    person_id: p.personId,
    asked_at: sentAt,
    sent_count: 1,
    last_sent_at: sentAt,
    first_answered_at: null,
    latest_answer_id: null,
    latest_status: null,
  }));
  await repo.insertRecipients(tx.trx, rows);
  const asked = normalQuestions(questions);
  for (const [i, p] of people.entries()) {
    const recipient = rows[i];
    if (!p.answer || !recipient) continue;
    const row = {
      ...answerRow(
        {
          org_id: actor.orgId,
          incident_id: incidentId,
          recipient_id: recipient.id,
          proxy_user_id: p.answer.proxyUserId ?? null,
          idempotency_key: null,
          body_hash: null,
        },
        asked,
        {
          status: p.answer.status,
          canWork: p.answer.canWork ?? null,
          familySafe: p.answer.familySafe ?? null,
          message: p.answer.message ?? null,
        },
      ),
      answered_at: p.answer.at,
    };
    await repo.insertAnswer(tx.trx, row);
    await repo.setLatestAnswer(tx.trx, row);
  }
  await tx.audit({
    action: 'safety.request',
    entityType: 'safety_request',
    entityId: requestId,
    after: { recipients: rows.length, emails: 0, questions: asked.join(', ') },
  });
}

// --- in-app: a member answers their own request -------------------------------------------------

/**
 * A signed-in member whose e-mail address is their person's gets a fresh personal link of their
 * own request, to open the same answer page in the browser they are in. Anyone else's recipient,
 * or a closed incident, is not found.
 */
export async function ownLink(
  ctx: SafetyContext,
  actor: OrgActor,
  email: string,
  recipientId: string,
): Promise<{ path: string }> {
  return write(ctx, actor, async (tx) => {
    const mine = (await repo.requestsForEmail(tx.trx, actor.orgId, email)).find((r) => r.id === recipientId);
    if (!mine) throw notFound();
    const token = newToken();
    await repo.insertLinks(tx.trx, [
      { token_hash: tokenHash(token), org_id: actor.orgId, recipient_id: recipientId, created_at: nowIso() },
    ]);
    await tx.audit({
      action: 'safety.own_link',
      entityType: 'incident',
      entityId: mine.incident_id,
      after: { name: mine.title },
    });
    return { path: `/a/${token}` };
  });
}
