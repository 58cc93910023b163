import type { Kysely } from 'kysely';
import { orgRowNames, orgRows } from '../../db/org-rows.js';
import type {
  Database,
  RecoveryContactRow,
  RecoveryIncidentRow,
  RecoveryProcedureRow,
} from '../../db/schema.js';
import { updateVersioned, type VersionedUpdate, versionedUpdate } from '../../db/versioned.js';

type Q = Kysely<Database>;

// --- procedures ---------------------------------------------------------------------------------

const procedures = orgRows('recovery_procedures');

export function listProcedures(db: Q, orgId: string): Promise<RecoveryProcedureRow[]> {
  return procedures.list(db, orgId, { orderBy: ['id'] });
}

export const findProcedure = procedures.find;

export function findProcedureOfSystem(
  db: Q,
  orgId: string,
  systemId: string,
): Promise<RecoveryProcedureRow | undefined> {
  return procedures.find(db, orgId, { system_id: systemId });
}

export const insertProcedure = procedures.insert;

export const updateProcedure: VersionedUpdate<
  'recovery_procedures',
  'phase1' | 'phase2' | 'degraded_note' | 'updated_at'
> = versionedUpdate('recovery_procedures');

export const deleteProcedure = procedures.delete;

// --- incidents ----------------------------------------------------------------------------------

const incidents = orgRows('recovery_incidents');

export function listIncidents(db: Q, orgId: string): Promise<RecoveryIncidentRow[]> {
  return incidents.list(db, orgId, {});
}

export function findIncident(
  db: Q,
  orgId: string,
  incident: string,
): Promise<RecoveryIncidentRow | undefined> {
  return incidents.find(db, orgId, { incident });
}

export const insertIncident = incidents.insert;

export function updateIncident(
  db: Q,
  orgId: string,
  incident: string,
  expectedVersion: number,
  changes: Partial<
    Pick<RecoveryIncidentRow, 'assumed_at' | 'what_stops' | 'why_it_matters' | 'layers' | 'updated_at'>
  >,
): Promise<number> {
  return updateVersioned(db, 'recovery_incidents', orgId, { incident }, expectedVersion, changes);
}

// --- owners and contacts --------------------------------------------------------------------------

const contacts = orgRows('recovery_contacts');

export function listContacts(db: Q, orgId: string): Promise<RecoveryContactRow[]> {
  return contacts.list(db, orgId, { orderBy: ['created_at', 'id'] });
}

export const findContact = contacts.find;

export const insertContact = contacts.insert;

export const updateContact: VersionedUpdate<
  'recovery_contacts',
  Exclude<keyof RecoveryContactRow, 'id' | 'org_id' | 'version' | 'created_at'>
> = versionedUpdate('recovery_contacts');

export const deleteContact = contacts.delete;

// --- what steps and contacts refer to (always within the organization) ---------------------------

/** Tables whose rows a step or contact may name. */
export type ReferencedTable = 'people' | 'suppliers' | 'it_systems';

/** Names of the organization's rows among `ids` (ids of other organizations are simply absent). */
export function namesOf(
  db: Q,
  orgId: string,
  table: ReferencedTable,
  ids: readonly string[],
): Promise<Map<string, string>> {
  return orgRowNames(db, table, orgId, ids);
}

/** One active system of the organization (id and name), or undefined. */
export function findActiveSystem(
  db: Q,
  orgId: string,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('it_systems')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

/** Names of every person, supplier and system of the organization, by id (for the plan document). */
export async function allNames(db: Q, orgId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .unionAll(db.selectFrom('suppliers').select(['id', 'name']).where('org_id', '=', orgId))
    .unionAll(db.selectFrom('it_systems').select(['id', 'name']).where('org_id', '=', orgId))
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
