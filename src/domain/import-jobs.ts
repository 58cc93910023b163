/** Background imports of spreadsheet files (the people directory today). Pure: no I/O. */

/**
 * An import job: pending → running (validating, processedRows grows) → done (ready to commit) →
 * committed; failed when validation could not finish, or when a checked file was not committed in
 * time.
 */
export const IMPORT_STATUSES = ['pending', 'running', 'done', 'failed', 'committed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
