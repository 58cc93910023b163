import { dequal } from 'dequal';
import { PRIORITIES, type Priority } from '../../../domain/bia.js';
import type { BiaSettings } from '../../../shared/bia-api.js';
import type { RtoValue } from '../../../shared/inventory.js';

export type RtoTable = Record<Priority, RtoValue>;

/** What the BIA settings form edits: the matrix cells, the RTO table and the preset it follows. */
export interface SettingsDraft {
  /** matrix[dependency - 1][importance - 1]; '' for a cell left empty. */
  matrix: string[][];
  rtoTable: RtoTable;
  /** A preset id of content/bia/presets.yaml, or 'custom'. */
  rtoPreset: string;
}

/** Saved settings (BiaSettings) as far as the form is concerned. */
type Saved = Pick<BiaSettings, 'scale' | 'rtoTable' | 'rtoPreset'> & {
  matrix: readonly (readonly string[])[];
};

export function draftOf(saved: Saved): SettingsDraft {
  return {
    matrix: saved.matrix.map((row) => [...row]),
    rtoTable: { ...saved.rtoTable },
    rtoPreset: saved.rtoPreset,
  };
}

/** True when the user changed anything since `base` was loaded. */
export function isDraftChanged(draft: SettingsDraft, base: Saved): boolean {
  return !dequal(draft, draftOf(base));
}

/**
 * The latest saved settings with the user's own edits on top, after someone else saved first: a
 * matrix cell or RTO the user changed (it differs from `base`, what they started from) keeps the
 * user's value, every other one takes the latest. Cells are kept only while the scale is the same
 * (on another scale a cell means another pair of levels). The preset is the one whose table the
 * result matches, else 'custom'.
 * @example rebaseDraft(draft, base, latest, presets) // their new cell + my new RTO for A
 */
export function rebaseDraft(
  draft: SettingsDraft,
  base: Saved,
  latest: Saved,
  presets: readonly { id: string; table: RtoTable }[],
): SettingsDraft {
  const matrix =
    latest.scale === base.scale
      ? latest.matrix.map((row, d) =>
          row.map((cell, i) => {
            const mine = draft.matrix[d]?.[i];
            return mine !== undefined && mine !== base.matrix[d]?.[i] ? mine : cell;
          }),
        )
      : latest.matrix.map((row) => [...row]);
  const rtoTable = { ...latest.rtoTable };
  for (const p of PRIORITIES)
    if (!dequal(draft.rtoTable[p], base.rtoTable[p])) rtoTable[p] = draft.rtoTable[p];
  const rtoPreset = presets.find((x) => dequal(x.table, rtoTable))?.id ?? 'custom';
  return { matrix, rtoTable, rtoPreset };
}
