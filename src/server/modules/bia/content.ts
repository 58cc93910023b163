import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BiaPresetsContent,
  BiaPresetsContentSchema,
  type BiaScalesContent,
  BiaScalesContentSchema,
} from '../../../domain/content-schemas.js';
import type { BiaContent } from '../../../shared/bia-api.js';
import { loadContentFile } from '../../content/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** src/server/modules/bia and dist/server/modules/bia are both four levels below the root. */
const CONTENT_DIR = path.resolve(here, '../../../../content/bia');

let presets: BiaPresetsContent | null = null;
let scales: BiaScalesContent | null = null;

/** content/bia/presets.yaml: matrix presets and the RTO tables 例1–例3 (read once per process). */
export function biaPresets(): BiaPresetsContent {
  presets ??= loadContentFile(path.join(CONTENT_DIR, 'presets.yaml'), BiaPresetsContentSchema);
  return presets;
}

/** content/bia/scales.yaml: level definitions shown as help text. */
function biaScales(): BiaScalesContent {
  scales ??= loadContentFile(path.join(CONTENT_DIR, 'scales.yaml'), BiaScalesContentSchema);
  return scales;
}

/** The RTO preset used until an organization picks one. */
export const DEFAULT_RTO_PRESET = 'example-1';

/** GET /bia/content: level help per scale, matrix and RTO presets, RTO states (content/bia). */
export function content(): BiaContent {
  const presets = biaPresets();
  return {
    scales: biaScales().scales.map((s) => ({
      scale: s.scale,
      title: s.title,
      importance: s.importance,
      dependency: s.dependency,
      note: s.note ?? null,
    })),
    matrices: presets.matrices.map((m) => ({ id: m.id, title: m.title, rule: m.rule, matrix: m.matrix })),
    rtoTables: presets.rtoTables.map((t) => ({ id: t.id, title: t.title, table: t.table })),
    rtoStates: presets.rtoStates,
  };
}
