import type { Db } from '../../db/database.js';
import type { QuakeEventRow, QuakeSettingsRow } from '../../db/schema.js';

type Q = Db['kysely'];

export async function findSettings(db: Q, orgId: string): Promise<QuakeSettingsRow | undefined> {
  return db.selectFrom('quake_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function findSettingsByTokenHash(db: Q, hash: string): Promise<QuakeSettingsRow | undefined> {
  return db.selectFrom('quake_settings').selectAll().where('push_token_hash', '=', hash).executeTakeFirst();
}

export async function insertSettings(db: Q, row: QuakeSettingsRow): Promise<void> {
  await db.insertInto('quake_settings').values(row).execute();
}

/** Writes the settings at the expected version; false when someone else changed them first. */
export async function updateSettings(
  db: Q,
  orgId: string,
  version: number,
  values: Partial<Omit<QuakeSettingsRow, 'org_id' | 'version'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('quake_settings')
    .set({ ...values, version: version + 1 })
    .where('org_id', '=', orgId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Organizations whose trigger is on and polls a feed. */
export async function feedSettings(db: Q): Promise<QuakeSettingsRow[]> {
  return db
    .selectFrom('quake_settings')
    .selectAll()
    .where('enabled', '=', 1)
    .where('feed_url', 'is not', null)
    .execute();
}

/** The organization's sites' prefectures and its current people's home prefectures. */
export async function orgPrefectures(db: Q, orgId: string): Promise<string[]> {
  const [sites, people] = await Promise.all([
    db
      .selectFrom('sites')
      .select('prefecture_code as code')
      .where('org_id', '=', orgId)
      .where('prefecture_code', 'is not', null)
      .execute(),
    db
      .selectFrom('people')
      .select('home_prefecture as code')
      .where('org_id', '=', orgId)
      .where('home_prefecture', 'is not', null)
      .execute(),
  ]);
  return [...new Set([...sites, ...people].map((r) => r.code).filter((c): c is string => Boolean(c)))].sort();
}

export async function findEvent(db: Q, orgId: string, eventId: string): Promise<QuakeEventRow | undefined> {
  return db
    .selectFrom('quake_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

export async function findEventById(db: Q, orgId: string, id: string): Promise<QuakeEventRow | undefined> {
  return db
    .selectFrom('quake_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertEvent(db: Q, row: QuakeEventRow): Promise<void> {
  await db.insertInto('quake_events').values(row).execute();
}

/** Updates an event if nobody else did since `updatedAt` (several processes may read one report). */
export async function updateEvent(
  db: Q,
  orgId: string,
  id: string,
  updatedAt: string,
  values: Partial<Omit<QuakeEventRow, 'id' | 'org_id' | 'event_id' | 'created_at'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('quake_events')
    .set(values)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('updated_at', '=', updatedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Events whose hold has ended, of every organization. */
export async function dueEvents(db: Q, nowIso: string): Promise<QuakeEventRow[]> {
  return db
    .selectFrom('quake_events')
    .selectAll()
    .where('send_at', 'is not', null)
    .where('send_at', '<=', nowIso)
    .orderBy('send_at')
    .limit(100)
    .execute();
}

export async function listEvents(db: Q, orgId: string, incidentId?: string): Promise<QuakeEventRow[]> {
  let q = db.selectFrom('quake_events').selectAll().where('org_id', '=', orgId);
  if (incidentId) q = q.where('incident_id', '=', incidentId);
  return q.orderBy('created_at', 'desc').limit(50).execute();
}

export async function pendingConfirmations(db: Q, orgId: string): Promise<QuakeEventRow[]> {
  return db
    .selectFrom('quake_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('confirmation', '=', 'pending')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Marks a feed entry seen; false when it already was (another process took it). */
export async function markFeedEntry(db: Q, orgId: string, entryId: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto('quake_feed_entries')
    .values({ org_id: orgId, entry_id: entryId, seen_at: at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Gives a claimed feed entry back (its document could not be read; the next poll tries again). */
export async function unmarkFeedEntry(db: Q, orgId: string, entryId: string): Promise<void> {
  await db
    .deleteFrom('quake_feed_entries')
    .where('org_id', '=', orgId)
    .where('entry_id', '=', entryId)
    .execute();
}
