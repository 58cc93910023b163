import { DamageContentSchema } from '../../../domain/content-schemas.js';
import { contentFile } from '../../content/load.js';

/** content/damage/presets.yaml: category labels and the two 001 cases. */
export const damageContent = contentFile('damage/presets.yaml', DamageContentSchema);
