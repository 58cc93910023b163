import type { Kysely } from 'kysely';

// Issue 12, outbound messages (PRODUCT module 11, safety confirmation): one durable queue of mails
// and chat webhook posts. A worker claims due rows (PostgreSQL: FOR UPDATE SKIP LOCKED), sends,
// and records sent / queued again with a later next_attempt_at / failed with the reason code.
// dedupe_key makes an enqueue idempotent per organization. Times are ISO text, compared as text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    // An email address, or the webhook URL (a secret: never logged, never shown whole).
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    // The mail's text, or the webhook's JSON body.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_reason', 'text')
    .addColumn('last_detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('failed_at', 'text')
    .addUniqueConstraint('outbound_messages_org_dedupe_uq', ['org_id', 'dedupe_key'])
    .execute();
  // The worker's claim: due queued rows in order, and expired leases of 'sending'.
  await db.schema
    .createIndex('outbound_messages_due_idx')
    .on('outbound_messages')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('outbound_messages_org_status_idx')
    .on('outbound_messages')
    .columns(['org_id', 'status', 'failed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbound_messages').execute();
}
