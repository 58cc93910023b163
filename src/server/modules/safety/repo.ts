import { type Kysely, sql } from 'kysely';
import type { Database, SafetyAnswerRow, SafetyRecipientRow, SafetyRequestRow } from '../../db/schema.js';

/** Safety confirmation's SQL: requests, recipients, personal links, answers, failed look-ups. */

type Q = Kysely<Database>;

export function findIncident(db: Q, orgId: string, id: string) {
  return db
    .selectFrom('incidents')
    .select(['id', 'org_id', 'mode', 'status', 'title', 'began_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface PersonFilter {
  siteIds?: readonly string[];
  departmentIds?: readonly string[];
  prefectureCodes?: readonly string[];
  employmentStatuses?: readonly string[];
}

/** The organization's people on the books who match every list of the filter given. */
export function matchingPeople(db: Q, orgId: string, f: PersonFilter) {
  let q = db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'site_id', 'department_id'])
    .where('org_id', '=', orgId)
    .where('archived_at', 'is', null);
  if (f.siteIds?.length) q = q.where('site_id', 'in', [...f.siteIds]);
  if (f.departmentIds?.length) q = q.where('department_id', 'in', [...f.departmentIds]);
  if (f.prefectureCodes?.length) q = q.where('home_prefecture', 'in', [...f.prefectureCodes]);
  if (f.employmentStatuses?.length)
    q = q.where('employment_status', 'in', [...f.employmentStatuses] as never[]);
  return q.orderBy('name').orderBy('id').execute();
}

/** The organization's sites in these prefectures (JIS codes). */
export async function siteIdsIn(db: Q, orgId: string, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('sites')
    .select('id')
    .where('org_id', '=', orgId)
    .where('prefecture_code', 'in', [...codes])
    .where('archived_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export function orgName(db: Q, orgId: string) {
  return db.selectFrom('organizations').select(['name']).where('id', '=', orgId).executeTakeFirst();
}

export async function insertRequest(db: Q, row: SafetyRequestRow): Promise<void> {
  await db.insertInto('safety_requests').values(row).execute();
}

export function listRequests(db: Q, orgId: string, incidentId: string): Promise<SafetyRequestRow[]> {
  return db
    .selectFrom('safety_requests')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Person ids already asked in this incident (a person is asked once per incident). */
export async function askedPersonIds(db: Q, orgId: string, incidentId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('safety_recipients')
    .select('person_id')
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function insertRecipients(db: Q, rows: SafetyRecipientRow[]): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('safety_recipients')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function insertLinks(
  db: Q,
  rows: { token_hash: string; org_id: string; recipient_id: string; created_at: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('safety_links')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function markSent(
  db: Q,
  orgId: string,
  recipientIds: readonly string[],
  at: string,
): Promise<void> {
  for (let i = 0; i < recipientIds.length; i += 200)
    await db
      .updateTable('safety_recipients')
      .set({ sent_count: sql`sent_count + 1`, last_sent_at: at })
      .where('org_id', '=', orgId)
      .where('id', 'in', recipientIds.slice(i, i + 200))
      .execute();
}

/** The recipients of an incident with their person's name, email, site and department. */
export function recipientsOf(db: Q, orgId: string, incidentId: string) {
  return db
    .selectFrom('safety_recipients as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('sites as s', 's.id', 'p.site_id')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .select([
      'r.id',
      'r.request_id',
      'r.person_id',
      'r.asked_at',
      'r.sent_count',
      'r.last_sent_at',
      'r.first_answered_at',
      'r.latest_answer_id',
      'r.latest_status',
      'p.name',
      'p.email',
      'p.site_id',
      'p.department_id',
      'p.home_prefecture',
      'p.employment_status',
      's.name as site_name',
      'd.name as department_name',
    ])
    .where('r.org_id', '=', orgId)
    .where('r.incident_id', '=', incidentId)
    .orderBy('p.name')
    .orderBy('r.id')
    .execute();
}

export function findRecipient(db: Q, orgId: string, id: string) {
  return db
    .selectFrom('safety_recipients')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** What a personal link opens: its recipient, incident and organization (no org filter: the token is the key). */
export function findByTokenHash(db: Q, tokenHash: string) {
  return db
    .selectFrom('safety_links as l')
    .innerJoin('safety_recipients as r', 'r.id', 'l.recipient_id')
    .innerJoin('safety_requests as q', 'q.id', 'r.request_id')
    .innerJoin('incidents as i', 'i.id', 'r.incident_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select([
      'r.id as recipient_id',
      'r.org_id',
      'r.incident_id',
      'r.latest_answer_id',
      'q.questions',
      'i.status as incident_status',
      'i.mode',
      'i.title as incident_title',
      'p.name as person_name',
      'o.name as org_name',
    ])
    .where('l.token_hash', '=', tokenHash)
    .whereRef('l.org_id', '=', 'r.org_id')
    .executeTakeFirst();
}

export async function insertAnswer(db: Q, row: SafetyAnswerRow): Promise<void> {
  await insertAnswers(db, [row]);
}

/** Rows written by one INSERT: well below the bound-parameter limits of both engines. */
const INSERT_CHUNK = 200;

export async function insertAnswers(db: Q, rows: readonly SafetyAnswerRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await db
      .insertInto('safety_answers')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
}

/** The answers already stored under these (recipient, idempotency key) pairs. */
export async function answersByKeys(
  db: Q,
  pairs: readonly { recipientId: string; key: string }[],
): Promise<SafetyAnswerRow[]> {
  if (pairs.length === 0) return [];
  // A row-value list: each pair is one probe of the unique index (recipient_id, idempotency_key).
  const list = sql.join(pairs.map((p) => sql`(${p.recipientId}, ${p.key})`));
  return db
    .selectFrom('safety_answers')
    .selectAll()
    .where(sql<boolean>`(recipient_id, idempotency_key) in (values ${list})`)
    .execute();
}

/** The status of each incident asked for (absent when it does not exist). */
export async function incidentStatuses(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('incidents').select(['id', 'status']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.status]));
}

export async function setLatestAnswer(db: Q, row: SafetyAnswerRow): Promise<void> {
  await setLatestAnswers(db, row.org_id, [row]);
}

/**
 * Marks the rows (of one organization) as their recipients' latest answers, one statement per
 * chunk. Ids are time-ordered (UUIDv7), so an answer only replaces an older one: two writes
 * committing in the other order (two batches on PostgreSQL) still leave the newest as latest, and
 * the first answer time the earliest.
 */
export async function setLatestAnswers(
  db: Q,
  orgId: string,
  rows: readonly SafetyAnswerRow[],
): Promise<void> {
  const last = new Map<string, SafetyAnswerRow>();
  const first = new Map<string, SafetyAnswerRow>();
  for (const r of rows) {
    const l = last.get(r.recipient_id);
    if (!l || l.id < r.id) last.set(r.recipient_id, r);
    const f = first.get(r.recipient_id);
    if (!f || f.answered_at > r.answered_at) first.set(r.recipient_id, r);
  }
  const ids = [...last.keys()];
  for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
    // One row of values per recipient (UPDATE … FROM, on both engines): each value is bound once.
    const values = sql.join(
      ids.slice(i, i + INSERT_CHUNK).map((id) => {
        const l = last.get(id) as SafetyAnswerRow;
        const f = first.get(id) as SafetyAnswerRow;
        return sql`(${id}, ${l.id}, ${l.status}, ${f.answered_at})`;
      }),
    );
    // Every SET reads the row as it was, so both "newer" tests see the old latest answer.
    const newer = sql`(safety_recipients.latest_answer_id is null or safety_recipients.latest_answer_id < v.column2)`;
    await sql`update safety_recipients set
        latest_answer_id = case when ${newer} then v.column2 else safety_recipients.latest_answer_id end,
        latest_status = case when ${newer} then v.column3 else safety_recipients.latest_status end,
        first_answered_at = case when safety_recipients.first_answered_at is null
          or safety_recipients.first_answered_at > v.column4 then v.column4
          else safety_recipients.first_answered_at end
      from (values ${values}) as v
      where safety_recipients.org_id = ${orgId} and safety_recipients.id = v.column1`.execute(db);
  }
}

export function answerByKey(db: Q, orgId: string, recipientId: string, key: string) {
  return db
    .selectFrom('safety_answers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('recipient_id', '=', recipientId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function findAnswer(db: Q, orgId: string, id: string) {
  return db
    .selectFrom('safety_answers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function answersOf(db: Q, orgId: string, recipientId: string): Promise<SafetyAnswerRow[]> {
  return db
    .selectFrom('safety_answers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('recipient_id', '=', recipientId)
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function latestAnswers(db: Q, orgId: string, ids: readonly string[]): Promise<SafetyAnswerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('safety_answers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function userNames(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

// --- reminders --------------------------------------------------------------------------------

/** Requests of active incidents whose next reminder is due. */
export function dueReminders(db: Q, now: string, limit: number) {
  return db
    .selectFrom('safety_requests as q')
    .innerJoin('incidents as i', 'i.id', 'q.incident_id')
    .selectAll('q')
    .select(['i.title as incident_title', 'i.mode'])
    .where('q.next_reminder_at', 'is not', null)
    .where('q.next_reminder_at', '<=', now)
    .where('i.status', '=', 'active')
    .orderBy('q.next_reminder_at')
    .limit(limit)
    .execute();
}

/** Moves a request's reminder on, only if no other process did first; false when one did. */
export async function advanceReminder(
  db: Q,
  orgId: string,
  id: string,
  sentBefore: number,
  nextAt: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('safety_requests')
    .set({ reminders_sent: sentBefore + 1, next_reminder_at: nextAt })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('reminders_sent', '=', sentBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Requests of the organization's active real incidents whose deadline passed. */
export function realRequestsPastDeadline(db: Q, orgId: string, now: string) {
  return db
    .selectFrom('safety_requests as q')
    .innerJoin('incidents as i', 'i.id', 'q.incident_id')
    .select(['q.id', 'q.incident_id', 'i.title as incident_title'])
    .where('q.org_id', '=', orgId)
    .where('i.mode', '=', 'real')
    .where('i.status', '=', 'active')
    .where('q.deadline_at', 'is not', null)
    .where('q.deadline_at', '<=', now)
    .execute();
}

/** Non-responders among the recipients first asked by the given requests. */
export async function countNonResponders(
  db: Q,
  orgId: string,
  requestIds: readonly string[],
): Promise<number> {
  if (requestIds.length === 0) return 0;
  const r = await db
    .selectFrom('safety_recipients')
    .select(sql<number>`count(*)`.as('n'))
    .where('org_id', '=', orgId)
    .where('request_id', 'in', [...requestIds])
    .where('first_answered_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

// --- in-app: the signed-in member's own requests ------------------------------------------------

export function requestsForEmail(db: Q, orgId: string, email: string) {
  return db
    .selectFrom('safety_recipients as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('incidents as i', 'i.id', 'r.incident_id')
    .select(['r.id', 'r.incident_id', 'r.first_answered_at', 'i.title', 'i.mode'])
    .where('r.org_id', '=', orgId)
    .where('i.status', '=', 'active')
    .where(sql<string>`lower(p.email)`, '=', email.toLowerCase())
    .orderBy('r.asked_at', 'desc')
    .execute();
}

// --- failed token look-ups (rate limit shared by every process) -------------------------------

export async function failuresIn(db: Q, addressHash: string, windowStart: string): Promise<number> {
  const r = await db
    .selectFrom('safety_token_failures')
    .select('count')
    .where('address_hash', '=', addressHash)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return r?.count ?? 0;
}

export async function countFailure(db: Q, addressHash: string, windowStart: string): Promise<void> {
  await db
    .insertInto('safety_token_failures')
    .values({ address_hash: addressHash, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['address_hash', 'window_start'])
        .doUpdateSet({ count: sql`safety_token_failures.count + 1` }),
    )
    .execute();
  // Old windows are of no use: drop them now and then.
  if (Math.random() < 0.05)
    await db.deleteFrom('safety_token_failures').where('window_start', '<', windowStart).execute();
}
