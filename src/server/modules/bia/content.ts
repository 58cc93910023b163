import { BiaPresetsContentSchema, BiaScalesContentSchema } from '../../../domain/content-schemas.js';
import type { BiaContent } from '../../../shared/bia-api.js';
import { contentFile } from '../../content/load.js';

/** content/bia/presets.yaml: matrix presets and the RTO tables 例1–例3. */
export const biaPresets = contentFile('bia/presets.yaml', BiaPresetsContentSchema);

/** content/bia/scales.yaml: level definitions shown as help text. */
const biaScales = contentFile('bia/scales.yaml', BiaScalesContentSchema);

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
