/**
 * Incident headquarters use cases (PRODUCT module 11): declare and close incidents, the HQ roster,
 * the append-only chronology, tasks and decisions, the IT recovery tracker. Every write is audited
 * and appends a live event (incident_events) in the same transaction; after it commits the event
 * bus wakes the organization's streams. Rules: src/domain/incidents.ts.
 */

import { z } from 'zod';
import {
  checkCorrection,
  correctedBy,
  type IncidentModeFilter,
  rtoClock,
} from '../../../domain/incidents.js';
import { prefectureByCode } from '../../../domain/prefectures.js';
import { affectedSystems, type IncidentType } from '../../../domain/recovery.js';
import type {
  Board,
  ChronologyQuery,
  Decision,
  DecisionCreate,
  DrillStart,
  Entry,
  EntryCreate,
  HqTask,
  HqTaskCreate,
  HqTaskUpdate,
  Incident,
  IncidentClose,
  IncidentCreate,
  RosterAdd,
  RosterMember,
  RosterUpdate,
  Tracker,
  TrackerSystem,
  TrackerUpdate,
} from '../../../shared/incidents.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { StoredStepsSchema } from '../../../shared/recovery.js';
import type { Db } from '../../db/database.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type {
  ChronologyEntryRow,
  IncidentDecisionRow,
  IncidentRow,
  IncidentSystemRow,
  IncidentTaskRow,
} from '../../db/schema.js';
import { type AuditedTx, audited, duplicateAs409 } from '../../db/tx.js';
import { changeVersioned, type VersionedChange } from '../../db/versioned.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { EventBus } from '../../realtime/event-bus.js';
import { listIncidents as assumedIncidents, planState } from '../recovery/service.js';
import type { OrgActor } from '../types.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

/** What a write needs: the database and the bus that wakes the live screens after commit. */
export interface Hq {
  db: Db;
  bus: EventBus;
}

const Ids = z.array(z.string());
const StepsDone = z.array(z.object({ key: z.string(), at: z.string(), by: z.string().nullable() }));
const ids = (text: string, column: string) => decodeJsonColumn(Ids, text, column);
const stepsDone = (r: Pick<IncidentSystemRow, 'steps_done'>) =>
  decodeJsonColumn(StepsDone, r.steps_done, 'incident_systems.steps_done');
/** A task's or decision's linked entries as stored: each once. */
const entryIdsJson = (entryIds: readonly string[] = []) => JSON.stringify([...new Set(entryIds)]);

/** Run a write with its audit entries, then wake the organization's live screens. */
async function write<T>(hq: Hq, actor: OrgActor, fn: (tx: AuditedTx) => Promise<T>): Promise<T> {
  const out = await audited(hq.db, actor, fn);
  hq.bus.publish(actor.orgId);
  return out;
}

/** Appends a live event of an incident in the caller's transaction (also the earthquake trigger's). */
export async function event(
  tx: AuditedTx,
  orgId: string,
  incidentId: string,
  kind: string,
  subjectId: string | null,
): Promise<void> {
  await events(tx, orgId, [{ incidentId, kind, subjectId }]);
}

/** Several live events of one organization at once, in order (a batch of safety answers). */
export async function events(
  tx: AuditedTx,
  orgId: string,
  list: readonly { incidentId: string; kind: string; subjectId: string | null }[],
): Promise<void> {
  const at = nowIso();
  await repo.appendEvents(
    tx.trx,
    orgId,
    list.map((e) => ({ incident_id: e.incidentId, kind: e.kind, subject_id: e.subjectId, at })),
  );
}

/** An audit entry as a service writes it; its entity is the subject of the live event. */
type AuditInput = Parameters<AuditedTx['audit']>[0] & { entityId: string };

/** The one way a row is added to an incident: insert it, audit it, and append the live event on it. */
async function added(
  tx: AuditedTx,
  orgId: string,
  incidentId: string,
  add: { insert: () => Promise<void>; audit: AuditInput; event: string },
): Promise<void> {
  await add.insert();
  await tx.audit(add.audit);
  await event(tx, orgId, incidentId, add.event, add.audit.entityId);
}

/**
 * The one way a row of an incident is changed: load it (not found for another organization's id),
 * refuse it once the incident is closed, let `change` check the input against it, change it under
 * its version (changeVersioned: 412 when stale, audited), then append the live event on it.
 */
async function changedOnIncident<R extends { id: string; incident_id: string; version: number }>(
  tx: AuditedTx,
  orgId: string,
  on: {
    load: () => Promise<R | undefined>;
    event: string;
    change: (current: R) => Omit<VersionedChange<R>, 'load'> | Promise<Omit<VersionedChange<R>, 'load'>>;
  },
): Promise<R> {
  const current = await on.load();
  if (!current) throw notFound();
  await openIncident(tx.trx, orgId, current.incident_id);
  const out = await changeVersioned(tx, { load: on.load, ...(await on.change(current)) });
  await event(tx, orgId, current.incident_id, on.event, current.id);
  return out;
}

/** The incident, open for writing: not found for another organization's id, refused once closed. */
async function openIncident(trx: Q, orgId: string, id: string): Promise<IncidentRow> {
  const row = await repo.findIncident(trx, orgId, id);
  if (!row) throw notFound();
  if (row.status === 'closed') throw conflict('incident_closed');
  return row;
}

const issue = (path: (string | number)[], code: string): FieldIssue => ({ path, code });

// --- incidents ----------------------------------------------------------------------------------

async function presentIncidents(db: Q, orgId: string, rows: readonly IncidentRow[]): Promise<Incident[]> {
  const incidentIds = rows.map((r) => r.id);
  const [roster, counts, sites] = await Promise.all([
    repo.listRoster(db, orgId, incidentIds),
    repo.countsOf(db, orgId, incidentIds),
    repo.namesOf(
      db,
      orgId,
      'sites',
      rows.flatMap((r) => ids(r.site_ids, 'incidents.site_ids')),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    mode: r.mode,
    title: r.title,
    status: r.status,
    beganAt: r.began_at,
    sites: ids(r.site_ids, 'incidents.site_ids')
      .filter((id) => sites.has(id))
      .map((id) => ({ id, name: sites.get(id) as string })),
    prefectureCodes: ids(r.prefecture_codes, 'incidents.prefecture_codes') as Incident['prefectureCodes'],
    closedAt: r.closed_at,
    closeSummary: r.close_summary,
    roster: roster
      .filter((m) => m.incident_id === r.id)
      .map(
        (m): RosterMember => ({
          id: m.id,
          personId: m.person_id,
          personName: m.person_name,
          role: m.role,
          onShift: m.on_shift_at !== null,
          version: m.version,
        }),
      ),
    counts: counts.get(r.id) ?? { entries: 0, openTasks: 0, decisions: 0 },
    createdAt: r.created_at,
    version: r.version,
  }));
}

export async function listIncidents(
  db: Q,
  orgId: string,
  filter: IncidentModeFilter,
): Promise<{ items: Incident[] }> {
  const rows = await repo.listIncidents(db, orgId, filter === 'all' ? null : filter);
  return { items: await presentIncidents(db, orgId, rows) };
}

export async function getIncident(db: Q, orgId: string, id: string): Promise<Incident> {
  const row = await repo.findIncident(db, orgId, id);
  if (!row) throw notFound();
  return (await presentIncidents(db, orgId, [row]))[0] as Incident;
}

/** Active incidents, real ones first (the home page). */
export async function activeIncidents(db: Q, orgId: string): Promise<IncidentRow[]> {
  const rows = await repo.activeIncidents(db, orgId);
  return [...rows].sort((a, b) => Number(a.mode === 'drill') - Number(b.mode === 'drill'));
}

const auditIncident = (r: IncidentRow) => ({
  name: r.title,
  type: r.type,
  mode: r.mode,
  status: r.status,
  beganAt: r.began_at,
  closeSummary: r.close_summary,
});

export async function declareIncident(hq: Hq, actor: OrgActor, input: IncidentCreate): Promise<Incident> {
  // Read before the transaction: the plan's state is read through the pool, not the transaction.
  const systems = await touchedSystems(hq.db, actor.orgId, input.type);
  const row = await write(hq, actor, (tx) => addIncident(tx, actor, input, systems));
  return getIncident(hq.db.kysely, actor.orgId, row.id);
}

/**
 * Declare an incident inside the caller's transaction (the demo back-dates one): checks the sites,
 * then puts `systemIds` (touchedSystems, read before the transaction) on the IT recovery tracker.
 */
export async function addIncident(
  tx: AuditedTx,
  actor: OrgActor,
  input: IncidentCreate,
  systemIds: readonly string[],
  now = nowIso(),
): Promise<IncidentRow> {
  const siteIds = [...new Set(input.siteIds ?? [])];
  const known = await repo.namesOf(tx.trx, actor.orgId, 'sites', siteIds);
  const issues = (input.siteIds ?? []).flatMap((id, i) =>
    known.has(id) ? [] : [issue(['siteIds', i], 'unknown_site')],
  );
  const beganAt = input.beganAt ? new Date(input.beganAt).toISOString() : now;
  if (Date.parse(beganAt) > Date.parse(now) + 5 * 60_000) issues.push(issue(['beganAt'], 'began_in_future'));
  if (issues.length) throw invalid('validation_failed', { issues });
  const row: IncidentRow = {
    id: newId(),
    org_id: actor.orgId,
    type: input.type,
    mode: input.mode,
    title: input.title,
    status: 'active',
    began_at: beganAt,
    site_ids: JSON.stringify(siteIds),
    prefecture_codes: JSON.stringify([...new Set(input.prefectureCodes ?? [])]),
    declared_by: actor.userId,
    closed_at: null,
    close_summary: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await added(tx, actor.orgId, row.id, {
    insert: () => repo.insertIncident(tx.trx, row),
    audit: {
      action: 'incident.declare',
      entityType: 'incident',
      entityId: row.id,
      after: auditIncident(row),
    },
    event: 'incident.declared',
  });
  for (const systemId of systemIds)
    await repo.insertTrackedSystem(tx.trx, {
      id: newId(),
      org_id: actor.orgId,
      incident_id: row.id,
      system_id: systemId,
      steps_done: '[]',
      recovered_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
  return row;
}

/** The systems an incident of this type touches, by the layers the organization assumes for it. */
export async function touchedSystems(db: Db, orgId: string, type: IncidentType): Promise<string[]> {
  const [plan, assumed] = await Promise.all([planState(db, orgId), assumedIncidents(db.kysely, orgId)]);
  const layers = assumed.items.find((i) => i.incident === type)?.layers ?? [];
  const hit = affectedSystems(
    layers,
    plan.systems.map((s) => ({ id: s.id, layers: s.components.map((c) => c.layer), needs: s.needs })),
  );
  return plan.systems.filter((s) => hit.has(s.id)).map((s) => s.id);
}

export async function closeIncident(
  hq: Hq,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: IncidentClose,
): Promise<Incident> {
  await write(hq, actor, (tx) => closeIncidentIn(tx, actor, id, expectedVersion, input));
  return getIncident(hq.db.kysely, actor.orgId, id);
}

/** Close an incident inside the caller's transaction (the demo closes its past drill). */
export async function closeIncidentIn(
  tx: AuditedTx,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: IncidentClose,
  now = nowIso(),
): Promise<void> {
  await openIncident(tx.trx, actor.orgId, id);
  await changeVersioned(tx, {
    load: () => repo.findIncident(tx.trx, actor.orgId, id),
    expectedVersion,
    write: (_, version) =>
      repo.updateIncident(tx.trx, actor.orgId, id, version, {
        status: 'closed',
        closed_at: now,
        close_summary: input.summary,
        updated_at: now,
      }),
    audit: (before, after) => ({
      action: 'incident.close',
      entityType: 'incident',
      entityId: id,
      before: auditIncident(before),
      after: auditIncident(after),
    }),
  });
  await event(tx, actor.orgId, id, 'incident.closed', id);
}

/**
 * Adds prefectures to an open incident inside the caller's transaction (a later earthquake report
 * reached more of them): the list only grows, audited, with a live event so every HQ screen shows
 * it. Returns the codes that were not on the list yet (none: nothing is written).
 */
export async function addPrefectures(
  tx: AuditedTx,
  actor: OrgActor,
  incidentId: string,
  codes: readonly string[],
): Promise<string[]> {
  const row = await openIncident(tx.trx, actor.orgId, incidentId);
  const current = ids(row.prefecture_codes, 'incidents.prefecture_codes');
  const added = [...new Set(codes)].filter((c) => !current.includes(c));
  if (added.length === 0) return [];
  const prefectures = (r: IncidentRow) => ({
    name: r.title,
    prefectures: prefectureNames(ids(r.prefecture_codes, 'incidents.prefecture_codes')),
  });
  await changeVersioned(tx, {
    load: () => repo.findIncident(tx.trx, actor.orgId, incidentId),
    expectedVersion: row.version,
    write: (_, version) =>
      repo.updateIncident(tx.trx, actor.orgId, incidentId, version, {
        prefecture_codes: JSON.stringify([...current, ...added]),
        updated_at: nowIso(),
      }),
    audit: (before, after) => ({
      action: 'incident.prefectures_add',
      entityType: 'incident',
      entityId: incidentId,
      before: prefectures(before),
      after: prefectures(after),
    }),
  });
  await event(tx, actor.orgId, incidentId, 'incident.prefectures_added', incidentId);
  return added;
}

/** Prefecture names as the audit log shows them (岡山県、香川県). */
const prefectureNames = (codes: readonly string[]) =>
  codes.map((c) => prefectureByCode(c)?.ja ?? c).join('、');

/**
 * One-click drill: a drill incident with every current person of the organization on the roster,
 * the one who starts it (matched by e-mail) as its chief, everyone else as a member.
 */
export async function startDrill(hq: Hq, actor: OrgActor, input: DrillStart): Promise<Incident> {
  const systems = await touchedSystems(hq.db, actor.orgId, input.type);
  const row = await write(hq, actor, async (tx) => {
    const incident = await addIncident(
      tx,
      actor,
      { type: input.type, mode: 'drill', title: input.title },
      systems,
    );
    const [people, email] = await Promise.all([
      repo.currentPeople(tx.trx, actor.orgId),
      actor.userId ? repo.memberEmail(tx.trx, actor.orgId, actor.userId) : null,
    ]);
    const me = email ? people.find((p) => p.email?.toLowerCase() === email.toLowerCase()) : undefined;
    for (const p of me ? [me, ...people.filter((x) => x !== me)] : people)
      await addRosterMember(tx, actor, incident.id, {
        personId: p.id,
        role: p === me ? 'chief' : 'member',
        onShift: true,
      });
    return incident;
  });
  return getIncident(hq.db.kysely, actor.orgId, row.id);
}

// --- roster -------------------------------------------------------------------------------------

export async function addToRoster(
  hq: Hq,
  actor: OrgActor,
  incidentId: string,
  input: RosterAdd,
): Promise<Incident> {
  await duplicateAs409('personId', () =>
    write(hq, actor, (tx) => addRosterMember(tx, actor, incidentId, input)),
  );
  return getIncident(hq.db.kysely, actor.orgId, incidentId);
}

/** Put a person on the roster inside the caller's transaction (the demo). */
export async function addRosterMember(tx: AuditedTx, actor: OrgActor, incidentId: string, input: RosterAdd) {
  await openIncident(tx.trx, actor.orgId, incidentId);
  const names = await repo.namesOf(tx.trx, actor.orgId, 'people', [input.personId]);
  if (!names.has(input.personId))
    throw invalid('validation_failed', { issues: [issue(['personId'], 'unknown_person')] });
  const now = nowIso();
  const id = newId();
  await added(tx, actor.orgId, incidentId, {
    insert: () =>
      repo.insertRosterMember(tx.trx, {
        id,
        org_id: actor.orgId,
        incident_id: incidentId,
        person_id: input.personId,
        role: input.role,
        on_shift_at: input.onShift === false ? null : now,
        created_at: now,
        updated_at: now,
        version: 1,
      }),
    audit: {
      action: 'incident.roster_add',
      entityType: 'incident_roster',
      entityId: id,
      after: { name: names.get(input.personId), hqRole: input.role, onShift: input.onShift !== false },
    },
    event: 'roster.changed',
  });
}

export async function updateRoster(
  hq: Hq,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: RosterUpdate,
): Promise<Incident> {
  const incidentId = await write(hq, actor, async (tx) => {
    const row = await changedOnIncident(tx, actor.orgId, {
      load: () => repo.findRosterMember(tx.trx, actor.orgId, id),
      event: 'roster.changed',
      change: async (current) => {
        const name = (await repo.namesOf(tx.trx, actor.orgId, 'people', [current.person_id])).get(
          current.person_id,
        );
        const summary = (r: typeof current) => ({ name, hqRole: r.role, onShift: r.on_shift_at !== null });
        return {
          expectedVersion,
          write: (before, version) =>
            repo.updateRosterMember(tx.trx, actor.orgId, id, version, {
              role: input.role ?? before.role,
              on_shift_at:
                input.onShift === undefined
                  ? before.on_shift_at
                  : input.onShift
                    ? (before.on_shift_at ?? nowIso())
                    : null,
              updated_at: nowIso(),
            }),
          audit: (before, after) => ({
            action: 'incident.roster_update',
            entityType: 'incident_roster',
            entityId: id,
            before: summary(before),
            after: summary(after),
          }),
        };
      },
    });
    return row.incident_id;
  });
  return getIncident(hq.db.kysely, actor.orgId, incidentId);
}

// --- chronology ---------------------------------------------------------------------------------

function presentEntries(rows: readonly ChronologyEntryRow[], authors: Map<string, string>): Entry[] {
  const corrected = correctedBy(
    rows.map((r) => ({ id: r.id, incidentId: r.incident_id, correctsId: r.corrects_id })),
  );
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    authorUserId: r.author_user_id,
    authorName: r.author_user_id ? (authors.get(r.author_user_id) ?? null) : null,
    fromParty: r.from_party,
    toParty: r.to_party,
    kind: r.kind,
    text: r.text,
    handling: r.handling,
    tags: ids(r.tags, 'chronology_entries.tags'),
    links: ids(r.links, 'chronology_entries.links'),
    correctsId: r.corrects_id,
    correctedById: corrected.get(r.id) ?? null,
    version: r.version,
  }));
}

async function allEntries(db: Q, orgId: string, incidentId: string): Promise<Entry[]> {
  const rows = await repo.listEntries(db, orgId, incidentId);
  const authors = await repo.userNames(
    db,
    orgId,
    rows.flatMap((r) => (r.author_user_id ? [r.author_user_id] : [])),
  );
  return presentEntries(rows, authors);
}

/** The chronology, oldest first, filtered by kind, tag, person (author or either party) and words. */
export async function listEntries(
  db: Q,
  orgId: string,
  incidentId: string,
  query: ChronologyQuery,
): Promise<{ items: Entry[] }> {
  if (!(await repo.findIncident(db, orgId, incidentId))) throw notFound();
  const needle = query.q?.trim().toLowerCase();
  const person = query.person?.trim().toLowerCase();
  const items = (await allEntries(db, orgId, incidentId)).filter(
    (e) =>
      (!query.kind || e.kind === query.kind) &&
      (!query.tag || e.tags.includes(query.tag)) &&
      (!person ||
        e.authorUserId === query.person ||
        [e.authorName, e.fromParty, e.toParty].some((p) => p?.toLowerCase().includes(person))) &&
      (!needle || [e.text, e.fromParty, e.toParty, ...e.tags].some((p) => p?.toLowerCase().includes(needle))),
  );
  return { items };
}

export async function addEntry(
  hq: Hq,
  actor: OrgActor,
  incidentId: string,
  input: EntryCreate,
): Promise<Entry> {
  const row = await write(hq, actor, (tx) => appendEntry(tx, actor, incidentId, input));
  const authors = await repo.userNames(
    hq.db.kysely,
    actor.orgId,
    row.author_user_id ? [row.author_user_id] : [],
  );
  return presentEntries([row], authors)[0] as Entry;
}

/**
 * Append a chronology entry inside the caller's transaction (the demo back-dates its own with
 * `recordedAt`). A correction must point at an entry of the same incident: an entry of another
 * incident is refused as such, one of another organization as missing (its existence is not told).
 */
export async function appendEntry(
  tx: AuditedTx,
  actor: OrgActor,
  incidentId: string,
  input: EntryCreate,
  recordedAt = nowIso(),
): Promise<ChronologyEntryRow> {
  await openIncident(tx.trx, actor.orgId, incidentId);
  if (input.correctsId) {
    const target = await repo.findEntry(tx.trx, actor.orgId, input.correctsId);
    const problem = checkCorrection(
      incidentId,
      target && { id: target.id, incidentId: target.incident_id, correctsId: target.corrects_id },
    );
    if (problem) throw invalid('validation_failed', { issues: [issue(['correctsId'], problem)] });
  }
  const row: ChronologyEntryRow = {
    id: newId(),
    org_id: actor.orgId,
    incident_id: incidentId,
    occurred_at: new Date(input.occurredAt).toISOString(),
    recorded_at: recordedAt,
    author_user_id: actor.userId,
    from_party: input.fromParty || null,
    to_party: input.toParty || null,
    kind: input.kind,
    text: input.text,
    handling: input.handling ?? 'open',
    tags: JSON.stringify([...new Set(input.tags ?? [])]),
    links: JSON.stringify([...new Set(input.links ?? [])]),
    corrects_id: input.correctsId ?? null,
    version: 1,
  };
  await added(tx, actor.orgId, incidentId, {
    insert: () => repo.insertEntry(tx.trx, row),
    audit: {
      action: input.correctsId ? 'incident.entry_correct' : 'incident.entry_add',
      entityType: 'chronology_entry',
      entityId: row.id,
      after: {
        name: row.text.slice(0, 80),
        kind: row.kind,
        occurredAt: row.occurred_at,
        fromParty: row.from_party,
        toParty: row.to_party,
      },
    },
    event: 'entry.added',
  });
  return row;
}

/** Handling (open → done) is the one thing of an entry that changes; its words never do. */
export async function setHandling(
  hq: Hq,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  handling: ChronologyEntryRow['handling'],
): Promise<Entry> {
  const row = await write(hq, actor, (tx) =>
    changedOnIncident(tx, actor.orgId, {
      load: () => repo.findEntry(tx.trx, actor.orgId, id),
      event: 'entry.handling',
      change: () => ({
        expectedVersion,
        write: (_, version) => repo.updateEntryHandling(tx.trx, actor.orgId, id, version, handling),
        audit: (before, after) => ({
          action: 'incident.entry_handling',
          entityType: 'chronology_entry',
          entityId: id,
          before: { name: before.text.slice(0, 80), handling: before.handling },
          after: { name: after.text.slice(0, 80), handling: after.handling },
        }),
      }),
    }),
  );
  const entries = await allEntries(hq.db.kysely, actor.orgId, row.incident_id);
  return entries.find((e) => e.id === id) as Entry;
}

// --- tasks and decisions ------------------------------------------------------------------------------

async function checkLinks(
  trx: Q,
  orgId: string,
  incidentId: string,
  input: { entryIds?: readonly string[]; ownerPersonId?: string | null; decidedByPersonId?: string | null },
): Promise<void> {
  const issues: FieldIssue[] = [];
  const known = await repo.entryIdsOf(trx, orgId, incidentId, input.entryIds ?? []);
  (input.entryIds ?? []).forEach((id, i) => {
    if (!known.has(id)) issues.push(issue(['entryIds', i], 'unknown_entry'));
  });
  for (const field of ['ownerPersonId', 'decidedByPersonId'] as const) {
    const person = input[field];
    if (person && !(await repo.namesOf(trx, orgId, 'people', [person])).has(person))
      issues.push(issue([field], 'unknown_person'));
  }
  if (issues.length) throw invalid('validation_failed', { issues });
}

function presentTask(r: IncidentTaskRow, names: Map<string, string>): HqTask {
  return {
    id: r.id,
    title: r.title,
    ownerPersonId: r.owner_person_id,
    ownerName: r.owner_person_id ? (names.get(r.owner_person_id) ?? null) : null,
    dueAt: r.due_at,
    status: r.status,
    entryIds: ids(r.entry_ids, 'incident_tasks.entry_ids'),
    createdAt: r.created_at,
    version: r.version,
  };
}

/** One task as the API shows it, its owner's name looked up. */
async function presentTaskOf(db: Q, orgId: string, r: IncidentTaskRow): Promise<HqTask> {
  return presentTask(
    r,
    await repo.namesOf(db, orgId, 'people', r.owner_person_id ? [r.owner_person_id] : []),
  );
}

function presentDecision(r: IncidentDecisionRow, names: Map<string, string>): Decision {
  return {
    id: r.id,
    decidedAt: r.decided_at,
    decidedByPersonId: r.decided_by_person_id,
    decidedByName: r.decided_by_person_id ? (names.get(r.decided_by_person_id) ?? null) : null,
    decision: r.decision,
    basis: r.basis,
    entryIds: ids(r.entry_ids, 'incident_decisions.entry_ids'),
    recordedAt: r.recorded_at,
    version: r.version,
  };
}

export async function board(db: Q, orgId: string, incidentId: string): Promise<Board> {
  if (!(await repo.findIncident(db, orgId, incidentId))) throw notFound();
  const [tasks, decisions] = await Promise.all([
    repo.listTasks(db, orgId, incidentId),
    repo.listDecisions(db, orgId, incidentId),
  ]);
  const names = await repo.namesOf(db, orgId, 'people', [
    ...tasks.flatMap((t) => (t.owner_person_id ? [t.owner_person_id] : [])),
    ...decisions.flatMap((d) => (d.decided_by_person_id ? [d.decided_by_person_id] : [])),
  ]);
  return {
    tasks: tasks.map((t) => presentTask(t, names)),
    decisions: decisions.map((d) => presentDecision(d, names)),
  };
}

const auditTask = (r: IncidentTaskRow) => ({
  name: r.title,
  ownerPersonId: r.owner_person_id,
  dueAt: r.due_at,
  status: r.status,
});

export async function createTask(
  hq: Hq,
  actor: OrgActor,
  incidentId: string,
  input: HqTaskCreate,
): Promise<HqTask> {
  const row = await write(hq, actor, (tx) => addTask(tx, actor, incidentId, input));
  return presentTaskOf(hq.db.kysely, actor.orgId, row);
}

/** Add a task inside the caller's transaction (the demo). */
export async function addTask(
  tx: AuditedTx,
  actor: OrgActor,
  incidentId: string,
  input: HqTaskCreate,
  now = nowIso(),
): Promise<IncidentTaskRow> {
  await openIncident(tx.trx, actor.orgId, incidentId);
  await checkLinks(tx.trx, actor.orgId, incidentId, input);
  const row: IncidentTaskRow = {
    id: newId(),
    org_id: actor.orgId,
    incident_id: incidentId,
    title: input.title,
    owner_person_id: input.ownerPersonId ?? null,
    due_at: input.dueAt ? new Date(input.dueAt).toISOString() : null,
    status: input.status ?? 'todo',
    entry_ids: entryIdsJson(input.entryIds),
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await added(tx, actor.orgId, incidentId, {
    insert: () => repo.insertTask(tx.trx, row),
    audit: {
      action: 'incident.task_create',
      entityType: 'incident_task',
      entityId: row.id,
      after: auditTask(row),
    },
    event: 'task.changed',
  });
  return row;
}

export async function updateTask(
  hq: Hq,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: HqTaskUpdate,
): Promise<HqTask> {
  const row = await write(hq, actor, (tx) =>
    changedOnIncident(tx, actor.orgId, {
      load: () => repo.findTask(tx.trx, actor.orgId, id),
      event: 'task.changed',
      change: async (current) => {
        await checkLinks(tx.trx, actor.orgId, current.incident_id, input);
        return {
          expectedVersion,
          write: (_, version) => {
            const changes: Parameters<typeof repo.updateTask>[4] = { updated_at: nowIso() };
            if (input.title !== undefined) changes.title = input.title;
            if (input.ownerPersonId !== undefined) changes.owner_person_id = input.ownerPersonId;
            if (input.dueAt !== undefined)
              changes.due_at = input.dueAt ? new Date(input.dueAt).toISOString() : null;
            if (input.status !== undefined) changes.status = input.status;
            if (input.entryIds !== undefined) changes.entry_ids = entryIdsJson(input.entryIds);
            return repo.updateTask(tx.trx, actor.orgId, id, version, changes);
          },
          audit: (before, after) => ({
            action: 'incident.task_update',
            entityType: 'incident_task',
            entityId: id,
            before: auditTask(before),
            after: auditTask(after),
          }),
        };
      },
    }),
  );
  return presentTaskOf(hq.db.kysely, actor.orgId, row);
}

export async function createDecision(
  hq: Hq,
  actor: OrgActor,
  incidentId: string,
  input: DecisionCreate,
): Promise<Decision> {
  const row = await write(hq, actor, (tx) => addDecision(tx, actor, incidentId, input));
  const who = row.decided_by_person_id ? [row.decided_by_person_id] : [];
  return presentDecision(row, await repo.namesOf(hq.db.kysely, actor.orgId, 'people', who));
}

/** Record a decision inside the caller's transaction (the demo). Decisions are never changed. */
export async function addDecision(
  tx: AuditedTx,
  actor: OrgActor,
  incidentId: string,
  input: DecisionCreate,
  now = nowIso(),
): Promise<IncidentDecisionRow> {
  await openIncident(tx.trx, actor.orgId, incidentId);
  await checkLinks(tx.trx, actor.orgId, incidentId, input);
  const row: IncidentDecisionRow = {
    id: newId(),
    org_id: actor.orgId,
    incident_id: incidentId,
    decided_at: new Date(input.decidedAt).toISOString(),
    decided_by_person_id: input.decidedByPersonId ?? null,
    decision: input.decision,
    basis: input.basis || null,
    entry_ids: entryIdsJson(input.entryIds),
    recorded_at: now,
    version: 1,
  };
  const who = row.decided_by_person_id
    ? (await repo.namesOf(tx.trx, actor.orgId, 'people', [row.decided_by_person_id])).get(
        row.decided_by_person_id,
      )
    : null;
  await added(tx, actor.orgId, incidentId, {
    insert: () => repo.insertDecision(tx.trx, row),
    audit: {
      action: 'incident.decision_add',
      entityType: 'incident_decision',
      entityId: row.id,
      after: {
        name: row.decision.slice(0, 80),
        decidedAt: row.decided_at,
        decidedBy: who ?? null,
        basis: row.basis,
      },
    },
    event: 'decision.added',
  });
  return row;
}

// --- IT recovery tracker ----------------------------------------------------------------------------

/**
 * The tracker at `now`: each system of the incident in recovery order, its phase-1 steps ticked
 * off, time since the incident began against its target (warning at 80 %, breach after), and the
 * systems of the tracker it still waits for.
 */
export async function tracker(
  db: Db,
  orgId: string,
  incidentId: string,
  now: Date = new Date(),
): Promise<Tracker> {
  const incident = await repo.findIncident(db.kysely, orgId, incidentId);
  if (!incident) throw notFound();
  const [rows, plan] = await Promise.all([
    repo.listTrackedSystems(db.kysely, orgId, incidentId),
    planState(db, orgId),
  ]);
  const names = await repo.namesOf(
    db.kysely,
    orgId,
    'it_systems',
    rows.map((r) => r.system_id),
  );
  const bySystem = new Map(rows.map((r) => [r.system_id, r]));
  const position = new Map(plan.systems.map((s, i) => [s.id, i]));
  const sorted = [...rows].sort(
    (a, b) =>
      (position.get(a.system_id) ?? 1e9) - (position.get(b.system_id) ?? 1e9) || a.id.localeCompare(b.id),
  );
  // A closed incident's clock stops when it was closed.
  const at = incident.closed_at ? new Date(incident.closed_at) : now;
  const systems = sorted.map((r, i): TrackerSystem => {
    const planned = plan.systems.find((s) => s.id === r.system_id);
    const procedure = plan.procedures.get(r.system_id);
    const done = new Map(stepsDone(r).map((s) => [s.key, s.at]));
    const steps = procedure
      ? decodeJsonColumn(StoredStepsSchema, procedure.phase1, 'recovery_procedures.phase1').map((s) => ({
          key: s.key,
          title: s.title,
          durationMinutes: s.durationMinutes,
          doneAt: done.get(s.key) ?? null,
        }))
      : [];
    const clock = rtoClock(planned?.requiredRto ?? null, incident.began_at, r.recovered_at, at);
    const waitsFor = (planned?.needs ?? [])
      .map((id) => bySystem.get(id))
      .filter((n): n is IncidentSystemRow => !!n && n.recovered_at === null)
      .map((n) => ({ id: n.system_id, name: names.get(n.system_id) ?? '' }));
    return {
      id: r.id,
      systemId: r.system_id,
      name: names.get(r.system_id) ?? '',
      priority: planned?.priority ?? null,
      rto: planned?.requiredRto ?? null,
      order: i + 1,
      state: clock.state,
      elapsedMinutes: clock.elapsedMinutes,
      leftMinutes: clock.leftMinutes,
      recoveredAt: r.recovered_at,
      steps,
      waitsFor,
      version: r.version,
    };
  });
  return { now: at.toISOString(), systems };
}

export async function addTrackedSystem(
  hq: Hq,
  actor: OrgActor,
  incidentId: string,
  systemId: string,
): Promise<Tracker> {
  await duplicateAs409('systemId', () =>
    write(hq, actor, async (tx) => {
      await openIncident(tx.trx, actor.orgId, incidentId);
      const names = await repo.namesOf(tx.trx, actor.orgId, 'it_systems', [systemId]);
      if (!names.has(systemId))
        throw invalid('validation_failed', { issues: [issue(['systemId'], 'unknown_system')] });
      const now = nowIso();
      const id = newId();
      await added(tx, actor.orgId, incidentId, {
        insert: () =>
          repo.insertTrackedSystem(tx.trx, {
            id,
            org_id: actor.orgId,
            incident_id: incidentId,
            system_id: systemId,
            steps_done: '[]',
            recovered_at: null,
            created_at: now,
            updated_at: now,
            version: 1,
          }),
        audit: {
          action: 'incident.tracker_add',
          entityType: 'incident_system',
          entityId: id,
          after: { name: names.get(systemId) },
        },
        event: 'tracker.changed',
      });
    }),
  );
  return tracker(hq.db, actor.orgId, incidentId);
}

/** A tracked system as its audit entries show it. */
const trackedSummary = (r: IncidentSystemRow, name: string | undefined) => ({
  name,
  stepsDone: stepsDone(r).map((s) => s.key),
  recoveredAt: r.recovered_at,
});

/** Tick or untick a phase-1 step, or mark the system back (or not), inside the caller's transaction. */
export async function changeTrackedSystem(
  tx: AuditedTx,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: TrackerUpdate,
  now = nowIso(),
): Promise<IncidentSystemRow> {
  return changedOnIncident(tx, actor.orgId, {
    load: () => repo.findTrackedSystem(tx.trx, actor.orgId, id),
    event: 'tracker.changed',
    change: async (current) => {
      const name = (await repo.namesOf(tx.trx, actor.orgId, 'it_systems', [current.system_id])).get(
        current.system_id,
      );
      const summary = (r: IncidentSystemRow) => trackedSummary(r, name);
      return {
        expectedVersion,
        write: (before, version) => {
          let steps = stepsDone(before);
          if (input.step) {
            const { key, done } = input.step;
            steps = steps.filter((s) => s.key !== key);
            if (done) steps.push({ key, at: now, by: actor.userId });
          }
          const recovered =
            input.recovered === undefined
              ? before.recovered_at
              : input.recovered
                ? (before.recovered_at ?? now)
                : null;
          return repo.updateTrackedSystem(tx.trx, actor.orgId, id, version, {
            steps_done: JSON.stringify(steps),
            recovered_at: recovered,
            updated_at: now,
          });
        },
        audit: (before, after) => ({
          action: 'incident.tracker_update',
          entityType: 'incident_system',
          entityId: id,
          before: summary(before),
          after: summary(after),
        }),
      };
    },
  });
}

export async function updateTrackedSystem(
  hq: Hq,
  actor: OrgActor,
  id: string,
  expectedVersion: number,
  input: TrackerUpdate,
): Promise<Tracker> {
  const row = await write(hq, actor, (tx) => changeTrackedSystem(tx, actor, id, expectedVersion, input));
  return tracker(hq.db, actor.orgId, row.incident_id);
}

/**
 * Takes a system off the tracker (added by mistake, or the incident does not touch it after all).
 * Its ticked steps go with it; the audit entry keeps them.
 */
export async function removeTrackedSystem(hq: Hq, actor: OrgActor, id: string): Promise<Tracker> {
  const incidentId = await write(hq, actor, async (tx) => {
    const current = await repo.findTrackedSystem(tx.trx, actor.orgId, id);
    if (!current) throw notFound();
    await openIncident(tx.trx, actor.orgId, current.incident_id);
    const names = await repo.namesOf(tx.trx, actor.orgId, 'it_systems', [current.system_id]);
    await repo.deleteTrackedSystem(tx.trx, actor.orgId, id);
    await tx.audit({
      action: 'incident.tracker_remove',
      entityType: 'incident_system',
      entityId: id,
      before: trackedSummary(current, names.get(current.system_id)),
    });
    await event(tx, actor.orgId, current.incident_id, 'tracker.changed', id);
    return current.incident_id;
  });
  return tracker(hq.db, actor.orgId, incidentId);
}

/** Tracker rows of an incident, for the demo (which system is which). */
export function trackedSystems(db: Q, orgId: string, incidentId: string): Promise<IncidentSystemRow[]> {
  return repo.listTrackedSystems(db, orgId, incidentId);
}
