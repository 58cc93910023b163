import {
  AUDIT_HIDDEN_FIELDS,
  AUDIT_REFERENCE_FIELDS,
  type AuditChange,
  type AuditEntry,
} from '../../../shared/audit.js';

/**
 * How an owner reads an audit entry: only what changed, no bookkeeping, records named. Pure:
 * the service looks the names up (`idsToName`, then `recordedName` for records deleted since).
 */

type Summary = Record<string, unknown>;

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function parseSummary(text: string): Summary {
  try {
    return asRecord(JSON.parse(text)) ?? {};
  } catch {
    return {};
  }
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Edges recorded their ends as 'operation:入館受付': the owner reads only the name. */
const NODE_LABEL = /^(?:operation|system|component|supplier):/;
function readable(field: string, value: unknown): unknown {
  if ((field === 'from' || field === 'to') && typeof value === 'string') return value.replace(NODE_LABEL, '');
  return value;
}

/**
 * The fields that changed: on an update those whose value differs, on a creation (no before)
 * or a removal (no after) those with a value. Internal fields are never listed.
 * @example changesOf({ before: { name: 'A', version: 1 }, after: { name: 'B', version: 2 } }) // [{ field: 'name', before: 'A', after: 'B' }]
 */
export function changesOf(summary: Summary): AuditChange[] {
  const before = asRecord(summary.before);
  const after = asRecord(summary.after);
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (f) => !AUDIT_HIDDEN_FIELDS.has(f),
  );
  const out: AuditChange[] = [];
  for (const field of fields) {
    const b = readable(field, before?.[field]);
    const a = readable(field, after?.[field]);
    if (before && after) {
      // A partial before (only what the writer knew) cannot say a field was unchanged.
      if (!(field in before)) {
        if (!isEmpty(a)) out.push({ field, after: a });
      } else if (!sameValue(b, a)) out.push({ field, before: b ?? null, after: a ?? null });
    } else if (after) {
      if (!isEmpty(a)) out.push({ field, after: a });
    } else if (!isEmpty(b)) out.push({ field, before: b });
  }
  return out;
}

/** The entry's other facts, internal fields left out (a non-object details is one 'details' line). */
export function detailsOf(summary: Summary): AuditEntry['details'] {
  const out: AuditEntry['details'] = [];
  const details = asRecord(summary.details);
  if (details) {
    for (const [field, value] of Object.entries(details)) {
      if (!AUDIT_HIDDEN_FIELDS.has(field)) out.push({ field, value });
    }
  } else if (summary.details !== undefined) out.push({ field: 'details', value: summary.details });
  return out;
}

/** The ids an entry refers to: its record and every reference field's value. */
export function referencedIds(entityId: string | null, summary: Summary): string[] {
  const ids = entityId ? [entityId] : [];
  for (const side of [summary.before, summary.after, summary.details]) {
    const record = asRecord(side);
    if (!record) continue;
    for (const field of AUDIT_REFERENCE_FIELDS) {
      const value = record[field];
      if (typeof value === 'string' && value !== '') ids.push(value);
    }
  }
  return ids;
}

/**
 * The name a summary recorded for its record (after, then before, then details), or null.
 * @example recordedName({ before: { displayName: '岡田' } }) // '岡田'
 */
export function recordedName(summary: Summary): string | null {
  for (const side of [summary.after, summary.before, summary.details]) {
    const record = asRecord(side);
    if (!record) continue;
    for (const key of ['name', 'title', 'displayName', 'fileName', 'email', 'file']) {
      const value = record[key];
      if (typeof value === 'string' && value.trim() !== '') return value;
    }
  }
  return null;
}

/** An edge's name from its two ends: '受付PC → 拠点間VPN'. */
function edgeName(summary: Summary, names: ReadonlyMap<string, string>): string | null {
  for (const side of [summary.after, summary.before]) {
    const record = asRecord(side);
    if (!record) continue;
    const from =
      readable('from', record.from) ??
      (typeof record.fromId === 'string' ? names.get(record.fromId) : undefined);
    const to =
      readable('to', record.to) ?? (typeof record.toId === 'string' ? names.get(record.toId) : undefined);
    if (typeof from === 'string' && typeof to === 'string') return `${from} → ${to}`;
  }
  return null;
}

/** The record's name: current (from `names`), else recorded in this entry. */
export function entityNameOf(
  entityType: string,
  entityId: string | null,
  summary: Summary,
  names: ReadonlyMap<string, string>,
): string | null {
  if (entityType === 'dependency_edge') return edgeName(summary, names);
  return (entityId ? names.get(entityId) : undefined) ?? recordedName(summary);
}

/** The names an entry's changes and details need, by id. */
export function namesFor(summary: Summary, names: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of referencedIds(null, summary)) {
    const name = names.get(id);
    if (name !== undefined) out[id] = name;
  }
  return out;
}
