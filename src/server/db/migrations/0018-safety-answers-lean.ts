import type { Kysely } from 'kysely';

// Issue 12, answers at once: safety_answers loses its index on (org_id, recipient_id, answered_at).
// Every answer landed on a random page of it (the recipients answer in any order), so each batch of
// answers wrote about one more page per answer to the write-ahead log and the disk. A person's
// answers are found as well through the unique index on (recipient_id, idempotency_key), whose
// first column is the recipient; they are a handful, sorted when read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('safety_answers_recipient_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('safety_answers_recipient_idx')
    .on('safety_answers')
    .columns(['org_id', 'recipient_id', 'answered_at'])
    .execute();
}
