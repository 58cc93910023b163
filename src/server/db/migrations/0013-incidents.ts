import type { Kysely } from 'kysely';

// Issue 12, incident headquarters (PRODUCT module 11): incidents (real or drill), the HQ roster,
// the append-only chronology (a correction points at the entry it corrects), tasks, decisions, the
// IT recovery tracker's per-system progress, and the live events every HQ screen follows (one
// sequence per organization, replayed after Last-Event-ID). Safety confirmation (next) adds its
// own tables that reference incidents.id. JSON is text on both engines.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('began_at', 'text', (c) => c.notNull())
    .addColumn('site_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('prefecture_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('declared_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('closed_at', 'text')
    .addColumn('close_summary', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('incidents_org_idx')
    .on('incidents')
    .columns(['org_id', 'status', 'began_at'])
    .execute();

  await db.schema
    .createTable('incident_roster')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('on_shift_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('incident_roster_person_uq', ['incident_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('chronology_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('from_party', 'text')
    .addColumn('to_party', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('handling', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('corrects_id', 'text', (c) => c.references('chronology_entries.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('chronology_entries_incident_idx')
    .on('chronology_entries')
    .columns(['org_id', 'incident_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('incident_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('due_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entry_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('incident_tasks_idx')
    .on('incident_tasks')
    .columns(['org_id', 'incident_id'])
    .execute();

  await db.schema
    .createTable('incident_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('decided_by_person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('basis', 'text')
    .addColumn('entry_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('incident_decisions_idx')
    .on('incident_decisions')
    .columns(['org_id', 'incident_id'])
    .execute();

  await db.schema
    .createTable('incident_systems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('system_id', 'text', (c) => c.notNull().references('it_systems.id').onDelete('cascade'))
    .addColumn('steps_done', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recovered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('incident_systems_uq', ['incident_id', 'system_id'])
    .execute();

  // seq counts per organization from 1; writers of one organization are queued by the audit
  // chain's head lock, so a seq commits in order and a reader never skips one.
  await db.schema
    .createTable('incident_events')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_events_pk', ['org_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'incident_events',
    'incident_systems',
    'incident_decisions',
    'incident_tasks',
    'chronology_entries',
    'incident_roster',
    'incidents',
  ])
    await db.schema.dropTable(t).execute();
}
