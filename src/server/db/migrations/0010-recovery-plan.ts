import type { Kysely } from 'kysely';

// Issue 10, recovery plan (PRODUCT module 6): each system's procedure (phase 1 and phase 2 steps
// as JSON), the organization's assumed incidents with its incident × layer matrix, and the
// recovery owners and contacts per damage target (IT-BCP template 5.1–5.2). JSON is text on both
// engines; booleans are nullable timestamps (assumed_at).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recovery_procedures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('system_id', 'text', (c) => c.notNull().references('it_systems.id').onDelete('cascade'))
    .addColumn('phase1', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('phase2', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('degraded_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('recovery_procedures_org_system_uq', ['org_id', 'system_id'])
    .execute();

  await db.schema
    .createTable('recovery_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('incident', 'text', (c) => c.notNull())
    .addColumn('assumed_at', 'text')
    .addColumn('what_stops', 'text')
    .addColumn('why_it_matters', 'text')
    .addColumn('layers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('recovery_incidents_org_incident_uq', ['org_id', 'incident'])
    .execute();

  await db.schema
    .createTable('recovery_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_note', 'text')
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('owner_text', 'text')
    .addColumn('contact_person_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('contact_supplier_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('recovery_contacts_org_idx')
    .on('recovery_contacts')
    .columns(['org_id', 'target', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recovery_contacts').execute();
  await db.schema.dropTable('recovery_incidents').execute();
  await db.schema.dropTable('recovery_procedures').execute();
}
