/** Background imports of spreadsheet files (the people directory, the inventory's registers). Pure: no I/O. */
import type { Register } from './inventory.js';

/**
 * An import job: pending → running (validating, processedRows grows) → done (ready to commit) →
 * committed; failed when validation could not finish, or when a checked file was not committed in
 * time.
 */
export const IMPORT_STATUSES = ['pending', 'running', 'done', 'failed', 'committed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** What a job imports into: the people directory, or one register of the inventory. */
export const IMPORT_KINDS = [
  'people',
  'inventory:operations',
  'inventory:systems',
  'inventory:components',
  'inventory:suppliers',
] as const satisfies readonly ('people' | `inventory:${Register}`)[];
export type ImportKind = (typeof IMPORT_KINDS)[number];
type InventoryImportKind = Extract<ImportKind, `inventory:${string}`>;

/** @example inventoryImportKind('systems') // 'inventory:systems' */
export function inventoryImportKind(register: Register): InventoryImportKind {
  return `inventory:${register}`;
}
