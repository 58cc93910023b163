import type {
  AuditEntry,
  AuditListQuery,
  AuditListResponse,
  AuditVerifyResponse,
} from '../../../shared/audit.js';
import { verifyAuditChains } from '../../audit-trail/audit.js';
import { type Db, INTEGER_COLUMN_MAX } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { type AuditRowWithActor, listAuditEntries } from './repo.js';

/** The cursor is the seq of the last entry returned; the next page holds the older ones. */
function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(cursor) || Number(cursor) > INTEGER_COLUMN_MAX) {
    throw invalid('validation_failed', { issues: [{ path: ['cursor'], code: 'invalid' }] });
  }
  return Number(cursor);
}

const toUtc = (iso: string | undefined) => (iso ? new Date(iso).toISOString() : undefined);

function parseSummary(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function presentAuditEntry(row: AuditRowWithActor): AuditEntry {
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
    summary: parseSummary(row.summary),
  };
}

/** One page of the organization's audit trail, newest first. */
export async function listAudit(db: Db, orgId: string, query: AuditListQuery): Promise<AuditListResponse> {
  const rows = await listAuditEntries(
    db,
    orgId,
    {
      actionPrefix: query.action,
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
  return {
    items: page.map(presentAuditEntry),
    nextCursor: rows.length > query.limit && last ? String(last.seq) : null,
  };
}

/** Verify the organization's own chain (other chains are none of its business). */
export async function verifyOrgAudit(db: Db, orgId: string): Promise<AuditVerifyResponse> {
  const { checked, breaks } = await verifyAuditChains(db.kysely, { chain: orgId });
  const first = breaks[0];
  return first
    ? { ok: false, checked, firstBreak: { seq: first.seq, entryId: first.entryId, reason: first.reason } }
    : { ok: true, checked };
}
