import { conflict } from '../errors.js';
import { isUniqueViolation } from './tx.js';

/**
 * Runs a write and turns a unique-constraint violation (two rows of an organization with the same
 * name, employee number …) into 409 `duplicate` naming the field.
 * @example await duplicateAs409(() => audited(db, actor, (tx) => addSite(tx, actor, input))) // 409 duplicate { field: 'name' }
 */
export async function duplicateAs409<T>(work: () => Promise<T>, field = 'name'): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('duplicate', { params: { field } });
    throw err;
  }
}
