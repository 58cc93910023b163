/** One line of an audit entry's before/after comparison, as plain text. */
export interface SummaryRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/** A value as text for display (objects as compact JSON); never HTML. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The rows of a summary `{ before?, after?, details? }`: every field of before and after side by
 * side, then the details (in `before` = '' form, under `after`).
 * @example summaryRows({ before: { name: 'A' }, after: { name: 'B' } }) // [{ field: 'name', before: 'A', after: 'B', changed: true }]
 */
export function summaryRows(summary: Record<string, unknown>): {
  changes: SummaryRow[];
  details: SummaryRow[];
} {
  const before = asRecord(summary.before) ?? {};
  const after = asRecord(summary.after) ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes = fields.map((field) => {
    const b = asText(before[field]);
    const a = asText(after[field]);
    return { field, before: b, after: a, changed: b !== a };
  });
  const details: SummaryRow[] = [];
  const detailRecord = asRecord(summary.details);
  if (detailRecord) {
    for (const [field, value] of Object.entries(detailRecord)) {
      details.push({ field, before: '', after: asText(value), changed: false });
    }
  } else if (summary.details !== undefined) {
    details.push({ field: 'details', before: '', after: asText(summary.details), changed: false });
  }
  // Anything else at the top level (not before/after/details) is shown as a detail too.
  for (const [field, value] of Object.entries(summary)) {
    if (field === 'before' || field === 'after' || field === 'details') continue;
    details.push({ field, before: '', after: asText(value), changed: false });
  }
  return { changes, details };
}

/**
 * A short name for what the entry is about, from its summary (a person's or site's name, a user's
 * display name or email, an import's file name), or '' when the summary names nothing.
 * @example entryTarget({ after: { name: '倉敷店' } }) // '倉敷店'
 */
export function entryTarget(summary: Record<string, unknown>): string {
  for (const side of [summary.after, summary.before, summary.details]) {
    const record = asRecord(side);
    if (!record) continue;
    for (const key of ['name', 'displayName', 'email', 'fileName']) {
      const value = record[key];
      if (typeof value === 'string' && value.trim() !== '')
        return value.length > 80 ? `${value.slice(0, 79)}…` : value;
    }
  }
  return '';
}
