import {
  AUDIT_MODULES,
  type AuditActorsResponse,
  type AuditEntry,
  type AuditListQuery,
  type AuditListResponse,
  type AuditVerifyResponse,
} from '../../../shared/audit.js';
import { verifyAuditChains } from '../../audit-trail/audit.js';
import { type Db, INTEGER_COLUMN_MAX } from '../../db/database.js';
import { invalid } from '../../errors.js';
import {
  changesOf,
  detailsOf,
  entityNameOf,
  namesFor,
  parseSummary,
  recordedName,
  referencedIds,
} from './read-model.js';
import {
  type AuditRowWithActor,
  currentNames,
  listAuditActors,
  listAuditEntries,
  summariesAbout,
} from './repo.js';

/** The cursor is the seq of the last entry returned; the next page holds the older ones. */
function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(cursor) || Number(cursor) > INTEGER_COLUMN_MAX) {
    throw invalid('validation_failed', { issues: [{ path: ['cursor'], code: 'invalid' }] });
  }
  return Number(cursor);
}

const toUtc = (iso: string | undefined) => (iso ? new Date(iso).toISOString() : undefined);

function presentAuditEntry(row: AuditRowWithActor, names: ReadonlyMap<string, string>): AuditEntry {
  const summary = parseSummary(row.summary);
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actor:
      row.actor_user_id && row.actor_display_name !== null
        ? { id: row.actor_user_id, displayName: row.actor_display_name }
        : null,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary,
    entityName: entityNameOf(row.entity_type, row.entity_id, summary, names),
    changes: changesOf(summary),
    details: detailsOf(summary),
    names: namesFor(summary, names),
  };
}

/**
 * The names of the records these entries refer to, within the organization: current names, and
 * for records deleted since, the newest name the organization's trail recorded for them.
 */
async function namesOfReferences(
  db: Db,
  orgId: string,
  rows: AuditRowWithActor[],
): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => referencedIds(r.entity_id, parseSummary(r.summary))))];
  const names = await currentNames(db, orgId, ids);
  const missing = ids.filter((id) => !names.has(id));
  for (const earlier of await summariesAbout(db, orgId, missing)) {
    if (!earlier.entity_id || names.has(earlier.entity_id)) continue;
    const name = recordedName(parseSummary(earlier.summary));
    if (name !== null) names.set(earlier.entity_id, name);
  }
  return names;
}

/** One page of the organization's audit trail, newest first. */
export async function listAudit(db: Db, orgId: string, query: AuditListQuery): Promise<AuditListResponse> {
  const rows = await listAuditEntries(
    db,
    orgId,
    {
      actionPrefix: query.action,
      actionPrefixes: query.module ? AUDIT_MODULES[query.module] : undefined,
      text: query.q,
      entityType: query.entityType,
      actorUserId: query.actorUserId,
      from: toUtc(query.from),
      to: toUtc(query.to),
      beforeSeq: parseCursor(query.cursor),
    },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const names = await namesOfReferences(db, orgId, page);
  return {
    items: page.map((row) => presentAuditEntry(row, names)),
    nextCursor: rows.length > query.limit && last ? String(last.seq) : null,
  };
}

/** Everyone who has acted in the organization's trail (the page's "who" filter). */
export async function listActors(db: Db, orgId: string): Promise<AuditActorsResponse> {
  return { items: await listAuditActors(db, orgId) };
}

/** Verify the organization's own chain (other chains are none of its business). */
export async function verifyOrgAudit(db: Db, orgId: string): Promise<AuditVerifyResponse> {
  const { checked, breaks } = await verifyAuditChains(db.kysely, { chain: orgId });
  const first = breaks[0];
  return first
    ? { ok: false, checked, firstBreak: { seq: first.seq, entryId: first.entryId, reason: first.reason } }
    : { ok: true, checked };
}
