import type { Kysely } from 'kysely';

// Issue 12, safety confirmation (安否確認, PRODUCT module 11): requests of an incident (chosen
// questions, reminder schedule), one recipient row per person and incident, the personal links
// (only the SHA-256 of each token is kept; a reminder mints a new link, every link stays valid
// until the incident closes), the append-only answers (one row per version, with the client's
// idempotency key), and the failed token look-ups per address that rate-limit guessing across
// processes. JSON is text on both engines.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('safety_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('filter', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reminder_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminder_interval_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('deadline_at', 'text')
    .addColumn('reminders_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_reminder_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('safety_requests_incident_idx')
    .on('safety_requests')
    .columns(['org_id', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('safety_requests_reminder_idx')
    .on('safety_requests')
    .columns(['next_reminder_at'])
    .execute();

  await db.schema
    .createTable('safety_recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('safety_requests.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('sent_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sent_at', 'text')
    .addColumn('first_answered_at', 'text')
    .addColumn('latest_answer_id', 'text')
    .addColumn('latest_status', 'text')
    .addUniqueConstraint('safety_recipients_person_uq', ['incident_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('safety_recipients_org_idx')
    .on('safety_recipients')
    .columns(['org_id', 'incident_id'])
    .execute();

  await db.schema
    .createTable('safety_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) =>
      c.notNull().references('safety_recipients.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('safety_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) =>
      c.notNull().references('safety_recipients.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('location_text', 'text')
    .addColumn('lat', 'real')
    .addColumn('lng', 'real')
    .addColumn('accuracy', 'real')
    .addColumn('can_work', 'text')
    .addColumn('family_safe', 'integer')
    .addColumn('home_damage', 'text')
    .addColumn('message', 'text')
    .addColumn('proxy_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('idempotency_key', 'text')
    .addColumn('body_hash', 'text')
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('safety_answers_idem_uq', ['recipient_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('safety_answers_recipient_idx')
    .on('safety_answers')
    .columns(['org_id', 'recipient_id', 'answered_at'])
    .execute();

  await db.schema
    .createTable('safety_token_failures')
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('safety_token_failures_pk', ['address_hash', 'window_start'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'safety_token_failures',
    'safety_answers',
    'safety_links',
    'safety_recipients',
    'safety_requests',
  ])
    await db.schema.dropTable(t).execute();
}
