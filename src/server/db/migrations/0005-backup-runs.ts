import type { Kysely } from 'kysely';

// keizoku's own backups: one row per run (scheduled or from the command line), with where the
// bundle and its second copy went and whether a test restore of it passed. Instance-wide, not per
// organization: the backup holds every organization's data.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('backup_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('file', 'text')
    .addColumn('bytes', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('encrypted_at', 'text')
    .addColumn('copy_file', 'text')
    .addColumn('copy_status', 'text', (c) => c.notNull())
    .addColumn('verify_status', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('verify_detail', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('backup_runs_started').on('backup_runs').column('started_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('backup_runs').execute();
}
