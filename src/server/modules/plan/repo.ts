import type { Kysely } from 'kysely';
import type { Database, PlanEditionRow, PlanPolicyRow } from '../../db/schema.js';
import { ORG_ROW, updateVersioned } from '../../db/versioned.js';

/** SQL of the IT-BCP document: the organization's policy, scope and approver. */
type Q = Kysely<Database>;

export const findPolicy = (q: Q, orgId: string): Promise<PlanPolicyRow | undefined> =>
  q.selectFrom('plan_policies').selectAll().where('org_id', '=', orgId).executeTakeFirst();

export async function insertPolicy(q: Q, row: PlanPolicyRow): Promise<void> {
  await q.insertInto('plan_policies').values(row).execute();
}

export const updatePolicy = (
  q: Q,
  orgId: string,
  version: number,
  set: { policy: string; scope: string; approver: string; updated_at: string },
): Promise<number> => updateVersioned(q, 'plan_policies', orgId, ORG_ROW, version, set);

/** An edition as listed: the issuer's display name joined, the documents left out. */
export type EditionView = Omit<PlanEditionRow, 'document_ja' | 'document_en'> & {
  issued_by_name: string | null;
};

function selectEditions(q: Q, orgId: string) {
  return q
    .selectFrom('plan_editions')
    .leftJoin('users', 'users.id', 'plan_editions.issued_by')
    .select([
      'plan_editions.id',
      'plan_editions.org_id',
      'plan_editions.number',
      'plan_editions.issued_at',
      'plan_editions.issued_by',
      'plan_editions.approver',
      'plan_editions.note',
      'plan_editions.content_hash',
      'users.display_name as issued_by_name',
    ])
    .where('plan_editions.org_id', '=', orgId);
}

/** The newest edition's number (0 when none was issued). */
export async function lastEditionNumber(q: Q, orgId: string): Promise<number> {
  const row = await q
    .selectFrom('plan_editions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Editions are only ever inserted: there is no update or delete of plan_editions. */
export async function insertEdition(q: Q, row: PlanEditionRow): Promise<void> {
  await q.insertInto('plan_editions').values(row).execute();
}

/** Newest first, `limit` editions numbered below `before` (null: from the newest). */
export const listEditions = (
  q: Q,
  orgId: string,
  before: number | null,
  limit: number,
): Promise<EditionView[]> =>
  selectEditions(q, orgId)
    .$if(before !== null, (s) => s.where('plan_editions.number', '<', before ?? 0))
    .orderBy('plan_editions.number', 'desc')
    .limit(limit)
    .execute();

export const findEdition = (q: Q, orgId: string, n: number): Promise<EditionView | undefined> =>
  selectEditions(q, orgId).where('plan_editions.number', '=', n).executeTakeFirst();

/** One language's stored document of an edition (JSON text). */
export async function findEditionDocument(
  q: Q,
  orgId: string,
  n: number,
  locale: 'ja' | 'en',
): Promise<string | undefined> {
  const column = locale === 'ja' ? 'document_ja' : 'document_en';
  const row = await q
    .selectFrom('plan_editions')
    .select(column)
    .where('org_id', '=', orgId)
    .where('number', '=', n)
    .executeTakeFirst();
  return row?.[column];
}
