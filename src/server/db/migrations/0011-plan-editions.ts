import type { Kysely } from 'kysely';

// Issue 10, editions of the IT-BCP: an issued edition is numbered per organization (1, 2, 3…),
// never changed or deleted, and keeps the document as issued in both languages (JSON text) so it
// renders later exactly as it was. The unique (org, number) makes two simultaneous issues take
// distinct numbers (the second retries).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_editions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addColumn('approver', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('document_ja', 'text', (c) => c.notNull())
    .addColumn('document_en', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_editions_org_number_uq', ['org_id', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_editions').execute();
}
