import type { Kysely } from 'kysely';

// Annual sales belong to the company, entered once in the organization settings and reused by
// every damage estimate (issue 9 item 4). Each organization takes the sales of its most recently
// saved estimate that had them; estimates whose sales equal that figure drop their own copy and
// follow the company's from now on. An estimate with a different figure keeps it (it was written
// for other numbers, e.g. a case study), so its share stays; one without sales now gets the company's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('annual_sales_yen', 'bigint').execute();
  // biome-ignore lint/suspicious/noExplicitAny: a migration reads the tables as they are at this point
  const q = db as Kysely<any>;
  const rows: { org_id: string; annual_sales_yen: number | string }[] = await q
    .selectFrom('damage_estimates')
    .select(['org_id', 'annual_sales_yen'])
    .where('annual_sales_yen', 'is not', null)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const latest = new Map<string, number>();
  for (const r of rows) if (!latest.has(r.org_id)) latest.set(r.org_id, Number(r.annual_sales_yen));
  for (const [orgId, sales] of latest) {
    await q.updateTable('organizations').set({ annual_sales_yen: sales }).where('id', '=', orgId).execute();
    await q
      .updateTable('damage_estimates')
      .set({ annual_sales_yen: null })
      .where('org_id', '=', orgId)
      .where('annual_sales_yen', '=', sales)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: see up()
  const q = db as Kysely<any>;
  const orgs: { id: string; annual_sales_yen: number | string }[] = await q
    .selectFrom('organizations')
    .select(['id', 'annual_sales_yen'])
    .where('annual_sales_yen', 'is not', null)
    .execute();
  for (const o of orgs)
    await q
      .updateTable('damage_estimates')
      .set({ annual_sales_yen: Number(o.annual_sales_yen) })
      .where('org_id', '=', o.id)
      .where('annual_sales_yen', 'is', null)
      .execute();
  await db.schema.alterTable('organizations').dropColumn('annual_sales_yen').execute();
}
