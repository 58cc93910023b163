import type { Kysely } from 'kysely';

// Issue 11, the security self-assessment (PRODUCT module 9; 004 §4.5, §11.2). An assessment answers
// one or several checklists of content/checklists (their ids and versions kept as JSON), tailored
// (dropped and added items with reasons, JSON). One answer row per item, each with its own version,
// so several people can fill the sheet at once without overwriting each other. A "will do" decision
// becomes an action; the information-asset register belongs to the assessment. Dates are
// YYYY-MM-DD text, times ISO text; yen are whole numbers (bigint).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    // [{ id, version }] of the checklists answered, in the order chosen.
    .addColumn('checklists', 'text', (c) => c.notNull())
    // { dropped: [{ itemKey, reason }], added: [{ item, reason }] }
    .addColumn('tailoring', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('assessments_org_idx')
    .on('assessments')
    .columns(['org_id', 'assessed_on'])
    .execute();

  await db.schema
    .createTable('assessment_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    // "checklist-id/item-id"
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('current_state', 'text')
    // { confidentiality: { level, reason }, … } for the aspects assessed
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('due_date', 'text')
    .addColumn('reason', 'text')
    .addColumn('damage_yen', 'bigint')
    .addColumn('cost_yen', 'bigint')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('assessment_answers_item_uq', ['assessment_id', 'item_key'])
    .execute();
  await db.schema
    .createIndex('assessment_answers_org_idx')
    .on('assessment_answers')
    .columns(['org_id', 'assessment_id'])
    .execute();

  await db.schema
    .createTable('assessment_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('answer_id', 'text', (c) =>
      c.notNull().unique().references('assessment_answers.id').onDelete('cascade'),
    )
    .addColumn('owner_person_id', 'text')
    .addColumn('owner_user_id', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('assessment_actions_org_idx')
    .on('assessment_actions')
    .columns(['org_id', 'status', 'due_date'])
    .execute();

  await db.schema
    .createTable('assessment_assets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secrecy', 'text', (c) => c.notNull())
    .addColumn('must_encrypt', 'integer', (c) => c.notNull())
    .addColumn('system_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('assessment_assets_org_idx')
    .on('assessment_assets')
    .columns(['org_id', 'assessment_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_assets').execute();
  await db.schema.dropTable('assessment_actions').execute();
  await db.schema.dropTable('assessment_answers').execute();
  await db.schema.dropTable('assessments').execute();
}
