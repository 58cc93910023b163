import { type Kysely, sql } from 'kysely';
import type { IncidentMode } from '../../../domain/incidents.js';
import { orgRowNames, orgRows } from '../../db/org-rows.js';
import type {
  ChronologyEntryRow,
  Database,
  IncidentDecisionRow,
  IncidentEventRow,
  IncidentRow,
  IncidentSystemRow,
  IncidentTaskRow,
  RosterRow,
} from '../../db/schema.js';
import { updateVersioned, type VersionedUpdate, versionedUpdate } from '../../db/versioned.js';

type Q = Kysely<Database>;

// --- incidents ----------------------------------------------------------------------------------

const incidents = orgRows('incidents');

export function listIncidents(db: Q, orgId: string, mode: IncidentMode | null): Promise<IncidentRow[]> {
  return incidents.list(db, orgId, {
    where: mode ? { mode } : {},
    orderBy: ['status', ['began_at', 'desc'], ['id', 'desc']],
    limit: 200,
  });
}

export const findIncident = incidents.find;

export function activeIncidents(db: Q, orgId: string): Promise<IncidentRow[]> {
  return incidents.list(db, orgId, {
    where: { status: 'active' },
    orderBy: [['began_at', 'desc']],
  });
}

export const insertIncident = incidents.insert;

export const updateIncident: VersionedUpdate<
  'incidents',
  'status' | 'closed_at' | 'close_summary' | 'prefecture_codes' | 'updated_at'
> = versionedUpdate('incidents');

/** Entries, open tasks and decisions per incident. */
export async function countsOf(db: Q, orgId: string, ids: readonly string[]) {
  const out = new Map<string, { entries: number; openTasks: number; decisions: number }>();
  if (ids.length === 0) return out;
  for (const id of ids) out.set(id, { entries: 0, openTasks: 0, decisions: 0 });
  const count = sql<number>`count(*)`;
  const [e, t, d] = await Promise.all([
    db
      .selectFrom('chronology_entries')
      .select(['incident_id', count.as('n')])
      .where('org_id', '=', orgId)
      .where('incident_id', 'in', ids)
      .groupBy('incident_id')
      .execute(),
    db
      .selectFrom('incident_tasks')
      .select(['incident_id', count.as('n')])
      .where('org_id', '=', orgId)
      .where('incident_id', 'in', ids)
      .where('status', '!=', 'done')
      .groupBy('incident_id')
      .execute(),
    db
      .selectFrom('incident_decisions')
      .select(['incident_id', count.as('n')])
      .where('org_id', '=', orgId)
      .where('incident_id', 'in', ids)
      .groupBy('incident_id')
      .execute(),
  ]);
  for (const r of e) (out.get(r.incident_id) as { entries: number }).entries = Number(r.n);
  for (const r of t) (out.get(r.incident_id) as { openTasks: number }).openTasks = Number(r.n);
  for (const r of d) (out.get(r.incident_id) as { decisions: number }).decisions = Number(r.n);
  return out;
}

// --- roster -------------------------------------------------------------------------------------

const roster = orgRows('incident_roster');

/** The roster of these incidents, each member with the person's name. */
export function listRoster(
  db: Q,
  orgId: string,
  incidentIds: readonly string[],
): Promise<(RosterRow & { person_name: string })[]> {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_roster as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .selectAll('r')
    .select('p.name as person_name')
    .where('r.org_id', '=', orgId)
    .where('r.incident_id', 'in', incidentIds)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

export const findRosterMember = roster.find;

export const insertRosterMember = roster.insert;

export const updateRosterMember: VersionedUpdate<'incident_roster', 'role' | 'on_shift_at' | 'updated_at'> =
  versionedUpdate('incident_roster');

// --- chronology ---------------------------------------------------------------------------------

const entries = orgRows('chronology_entries');

export function listEntries(db: Q, orgId: string, incidentId: string): Promise<ChronologyEntryRow[]> {
  return entries.list(db, orgId, {
    where: { incident_id: incidentId },
    orderBy: ['occurred_at', 'recorded_at', 'id'],
  });
}

export const findEntry = entries.find;

/** Ids among `ids` that are entries of this incident of the organization. */
export async function entryIdsOf(db: Q, orgId: string, incidentId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('chronology_entries')
    .select('id')
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export const insertEntry = entries.insert;

export function updateEntryHandling(
  db: Q,
  orgId: string,
  id: string,
  version: number,
  handling: ChronologyEntryRow['handling'],
): Promise<number> {
  return updateVersioned(db, 'chronology_entries', orgId, id, version, { handling });
}

// --- tasks and decisions ------------------------------------------------------------------------------

const tasks = orgRows('incident_tasks');

const decisions = orgRows('incident_decisions');

export function listTasks(db: Q, orgId: string, incidentId: string): Promise<IncidentTaskRow[]> {
  return tasks.list(db, orgId, {
    where: { incident_id: incidentId },
    orderBy: ['created_at', 'id'],
  });
}

export const findTask = tasks.find;

export const insertTask = tasks.insert;

export const updateTask: VersionedUpdate<
  'incident_tasks',
  'title' | 'owner_person_id' | 'due_at' | 'status' | 'entry_ids' | 'updated_at'
> = versionedUpdate('incident_tasks');

export function listDecisions(db: Q, orgId: string, incidentId: string): Promise<IncidentDecisionRow[]> {
  return decisions.list(db, orgId, {
    where: { incident_id: incidentId },
    orderBy: ['decided_at', 'id'],
  });
}

export const insertDecision = decisions.insert;

// --- IT recovery tracker ----------------------------------------------------------------------------

const trackedSystems = orgRows('incident_systems');

export function listTrackedSystems(db: Q, orgId: string, incidentId: string): Promise<IncidentSystemRow[]> {
  return trackedSystems.list(db, orgId, {
    where: { incident_id: incidentId },
    orderBy: ['id'],
  });
}

export const findTrackedSystem = trackedSystems.find;

export const insertTrackedSystem = trackedSystems.insert;

export const updateTrackedSystem: VersionedUpdate<
  'incident_systems',
  'steps_done' | 'recovered_at' | 'updated_at'
> = versionedUpdate('incident_systems');

export const deleteTrackedSystem = trackedSystems.delete;

// --- names within the organization -------------------------------------------------------------------

export function namesOf(
  db: Q,
  orgId: string,
  table: 'people' | 'sites' | 'it_systems',
  ids: readonly string[],
): Promise<Map<string, string>> {
  return orgRowNames(db, table, orgId, ids);
}

export async function userNames(db: Q, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  // Only users who belong to the organization are named.
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.display_name'])
    .where('m.org_id', '=', orgId)
    .where('u.id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

// --- live events ----------------------------------------------------------------------------------

/** Rows written by one INSERT: well below the bound-parameter limits of both engines. */
const INSERT_CHUNK = 200;

/**
 * Append events with the organization's next seqs, in order. Call inside the write's transaction
 * after its audit entries: the audit chain's head lock queues the organization's writers, so seqs
 * commit in order.
 */
export async function appendEvents(
  db: Q,
  orgId: string,
  rows: readonly Omit<IncidentEventRow, 'seq' | 'org_id'>[],
): Promise<void> {
  if (rows.length === 0) return;
  const last = await db
    .selectFrom('incident_events')
    .select(sql<number | null>`max(seq)`.as('seq'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  const first = Number(last?.seq ?? 0) + 1;
  const values = rows.map((row, i) => ({ ...row, org_id: orgId, seq: first + i }));
  for (let i = 0; i < values.length; i += INSERT_CHUNK)
    await db
      .insertInto('incident_events')
      .values(values.slice(i, i + INSERT_CHUNK))
      .execute();
}

export function eventsAfter(
  db: Q,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<IncidentEventRow[]> {
  return db
    .selectFrom('incident_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function lastEventSeq(db: Q, orgId: string): Promise<number> {
  const r = await db
    .selectFrom('incident_events')
    .select(sql<number | null>`max(seq)`.as('seq'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}

/** The organization's time zone (how times are written in files and reports). */
export async function orgTimezone(db: Q, orgId: string): Promise<string> {
  const r = await db
    .selectFrom('organizations')
    .select('timezone')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return r?.timezone ?? 'Asia/Tokyo';
}

/** The organization's people still on the books (not archived), by name: the drill's roster. */
export function currentPeople(db: Q, orgId: string): Promise<{ id: string; email: string | null }[]> {
  return db
    .selectFrom('people')
    .select(['id', 'email'])
    .where('org_id', '=', orgId)
    .where('archived_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The e-mail address of a member of the organization (null when not a member). */
export async function memberEmail(db: Q, orgId: string, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select('u.email')
    .where('m.org_id', '=', orgId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row?.email ?? null;
}
