/** What other modules use of the incident headquarters: the demo loader's service functions. */

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { nowIso } from '../../ids.js';
import { appendEvent } from './repo.js';

export {
  addDecision,
  addIncident,
  addRosterMember,
  addTask,
  appendEntry,
  changeTrackedSystem,
  closeIncidentIn,
  trackedSystems,
} from './service.js';

/**
 * For safety confirmation (modules/safety): appends a live event of an incident inside the
 * caller's audited transaction (the audit chain's head lock keeps the organization's seqs in
 * commit order); the caller wakes the event bus after the commit.
 */
export async function appendIncidentEvent(
  trx: Kysely<Database>,
  orgId: string,
  incidentId: string,
  kind: string,
  subjectId: string | null,
): Promise<void> {
  await appendEvent(trx, {
    org_id: orgId,
    incident_id: incidentId,
    kind,
    subject_id: subjectId,
    at: nowIso(),
  });
}
