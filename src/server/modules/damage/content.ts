import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DamageContent, DamageContentSchema } from '../../../domain/content-schemas.js';
import { loadContentFile } from '../../content/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** src/server/modules/damage and dist/server/modules/damage are both four levels below the root. */
const FILE = path.resolve(here, '../../../../content/damage/presets.yaml');

let cached: DamageContent | null = null;

/** content/damage/presets.yaml: category labels and the two 001 cases (read once per process). */
export function damageContent(): DamageContent {
  cached ??= loadContentFile(FILE, DamageContentSchema);
  return cached;
}
