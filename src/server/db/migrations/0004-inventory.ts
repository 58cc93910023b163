import type { Kysely } from 'kysely';

// Issue 3: IT inventory (operations, systems, components, suppliers, dependency edges), BIA
// settings and sign-offs, tier diagnosis history, tasks, management checklist, damage estimates.
// JSON values (lists, RTOs, matrices, snapshots) are text on both engines.
export async function up(db: Kysely<unknown>): Promise<void> {
  const base = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'));
  const finish = async (name: string, builder: ReturnType<typeof base>) => {
    await builder
      .addColumn('archived_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint(`${name}_org_name_uq`, ['org_id', 'name'] as never)
      .execute();
    await db.schema.createIndex(`${name}_org_name_idx`).on(name).columns(['org_id', 'name', 'id']).execute();
    await db.schema
      .createIndex(`${name}_org_updated_idx`)
      .on(name)
      .columns(['org_id', 'updated_at', 'id'])
      .execute();
  };

  await finish(
    'business_operations',
    base('business_operations')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('owner_person_id', 'text', (c) => c.references('people.id'))
      .addColumn('owner_text', 'text')
      .addColumn('importance', 'integer')
      .addColumn('dependency_level', 'integer')
      .addColumn('rto_override', 'text')
      .addColumn('needs_data', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('needs_terminals', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('needs_procedure_manuals', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('needs_user_manuals', 'text', (c) => c.notNull().defaultTo('[]')),
  );
  await finish(
    'it_systems',
    base('it_systems')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('owner_person_id', 'text', (c) => c.references('people.id'))
      .addColumn('owner_text', 'text')
      .addColumn('vendor', 'text')
      .addColumn('hosting', 'text')
      .addColumn('data_location', 'text')
      .addColumn('eol_date', 'text')
      .addColumn('dependency_level', 'integer')
      .addColumn('declared_rto', 'text'),
  );
  await finish(
    'it_components',
    base('it_components')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('layer', 'integer', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('declared_rto', 'text'),
  );
  await finish(
    'suppliers',
    base('suppliers')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('contact', 'text')
      .addColumn('contract_notes', 'text')
      .addColumn('declared_rto', 'text'),
  );

  await base('dependency_edges')
    .addColumn('from_type', 'text', (c) => c.notNull())
    .addColumn('from_id', 'text', (c) => c.notNull())
    .addColumn('to_type', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dependency_edges_uq', ['org_id', 'from_id', 'to_id'])
    .execute();
  await db.schema
    .createIndex('dependency_edges_to_idx')
    .on('dependency_edges')
    .columns(['org_id', 'to_id'])
    .execute();

  await base('bia_settings')
    .addColumn('scale', 'integer', (c) => c.notNull())
    .addColumn('matrix', 'text', (c) => c.notNull())
    .addColumn('rto_preset', 'text', (c) => c.notNull())
    .addColumn('rto_table', 'text', (c) => c.notNull())
    .addColumn('level_definitions', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('bia_settings_org_uq', ['org_id'])
    .execute();

  await base('bia_signoffs')
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bia_signoffs_org_idx')
    .on('bia_signoffs')
    .columns(['org_id', 'signed_at'])
    .execute();

  await base('diagnosis_results')
    .addColumn('taken_by', 'text')
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('tie_broken', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('diagnosis_results_org_idx')
    .on('diagnosis_results')
    .columns(['org_id', 'taken_at'])
    .execute();

  await base('diagnosis_tasks')
    .addColumn('measure_id', 'text')
    .addColumn('result_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('diagnosis_tasks_org_idx')
    .on('diagnosis_tasks')
    .columns(['org_id', 'id'])
    .execute();

  await base('management_checklist')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('management_checklist_uq', ['org_id', 'item_id'])
    .execute();

  await base('damage_estimates')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text')
    .addColumn('annual_sales_yen', 'bigint')
    .addColumn('amounts', 'text', (c) => c.notNull())
    .addColumn('preset_id', 'text')
    .addColumn('operation_id', 'text')
    .addColumn('system_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('damage_estimates_org_idx')
    .on('damage_estimates')
    .columns(['org_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'damage_estimates',
    'management_checklist',
    'diagnosis_tasks',
    'diagnosis_results',
    'bia_signoffs',
    'bia_settings',
    'dependency_edges',
    'suppliers',
    'it_components',
    'it_systems',
    'business_operations',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
