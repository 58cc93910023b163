import type { Kysely } from 'kysely';

// Backup plan (PRODUCT.md module 5): one plan per system of the inventory or per named data set.
// Production and the backup copies are JSON text (checked by the zod schemas of
// src/shared/backup-plan.ts when read), so a plan and its copies are saved and versioned as one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('backup_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('system_id', 'text', (c) => c.references('it_systems.id').onDelete('cascade'))
    .addColumn('data_set_name', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text')
    .addColumn('rpo_minutes', 'integer')
    .addColumn('production', 'text', (c) => c.notNull())
    .addColumn('copies', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('restore_tested_on', 'text')
    .addColumn('restore_result', 'text', (c) => c.notNull())
    .addColumn('restore_note', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('backup_plans_org_system_uq', ['org_id', 'system_id'])
    .addUniqueConstraint('backup_plans_org_data_set_uq', ['org_id', 'data_set_name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('backup_plans').execute();
}
