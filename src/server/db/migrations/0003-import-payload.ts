import type { Kysely } from 'kysely';

// Import jobs keep the parsed rows between upload, background validation and commit.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_jobs').addColumn('payload', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_jobs').dropColumn('payload').execute();
}
