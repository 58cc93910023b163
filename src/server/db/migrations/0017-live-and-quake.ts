import type { Kysely } from 'kysely';

// Issue 12, incident headquarters on several nodes and the earthquake trigger.
// - rate_limit_hits: rate-limit counters shared by every app process on one PostgreSQL (one row per
//   route and client key, a fixed window ending at reset_at, epoch milliseconds).
// - quake_settings: an organization's earthquake trigger (off by default): intensity threshold,
//   hold minutes, auto-send or HQ confirmation, the push token's hash, an optional feed URL.
// - quake_events: one row per earthquake (the agency's EventID) and organization: the trigger rule's
//   state (JSON), the incident it declared, and the HQ's confirmation to send safety requests.
// - quake_feed_entries: feed entries already fetched (the poller does not fetch a document twice).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hits_reset_idx').on('rate_limit_hits').column('reset_at').execute();

  await db.schema
    .createTable('quake_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('threshold', 'text', (c) => c.notNull())
    .addColumn('hold_minutes', 'integer', (c) => c.notNull())
    .addColumn('send_mode', 'text', (c) => c.notNull())
    .addColumn('push_token_hash', 'text')
    .addColumn('feed_url', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('quake_settings_token_idx')
    .on('quake_settings')
    .column('push_token_hash')
    .unique()
    .execute();

  await db.schema
    .createTable('quake_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('send_at', 'text')
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id').onDelete('set null'))
    // pending (waits for the HQ), confirmed, dismissed, auto (sent without asking), or null.
    .addColumn('confirmation', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('quake_events_org_event_uq', ['org_id', 'event_id'])
    .execute();
  await db.schema.createIndex('quake_events_due_idx').on('quake_events').column('send_at').execute();

  await db.schema
    .createTable('quake_feed_entries')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quake_feed_entries_pk', ['org_id', 'entry_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('quake_feed_entries').execute();
  await db.schema.dropTable('quake_events').execute();
  await db.schema.dropTable('quake_settings').execute();
  await db.schema.dropTable('rate_limit_hits').execute();
}
