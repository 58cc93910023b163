import type { Kysely } from 'kysely';

// The IT-BCP document's first section (issue 10 item 3): the organization's own short policy,
// scope and approver. One row per organization, created on the first save; until then the
// document uses a default text. Edited under optimistic concurrency (version).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) =>
      c.notNull().unique().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('approver', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_policies').execute();
}
