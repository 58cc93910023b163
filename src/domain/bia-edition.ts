/**
 * BIA sign-off: a signed edition is a frozen snapshot; later work is shown as a diff against it
 * (issue 3: "later changes show as a diff against the signed edition"). Pure: no I/O.
 */

import { dequal } from 'dequal';
import type { Priority, Scale } from './bia.js';
import { PRIORITIES } from './bia.js';
import type { NodeKind } from './dependency-graph.js';
import type { Rto, RtoTable } from './rto.js';

/** A value that can be compared: scalars, RTOs, or small plain objects/arrays of them. */
type EditionValue = string | number | boolean | null | Rto | EditionValue[] | { [key: string]: EditionValue };

interface EditionItem {
  id: string;
  kind: NodeKind;
  name: string;
  /** Whatever the BIA shows for this item: levels, priority, RTOs, owner… */
  fields: Record<string, EditionValue>;
}

export interface BiaEdition {
  scale: Scale;
  /** cells[dependency - 1][importance - 1] */
  matrix: Priority[][];
  rtoTable: RtoTable;
  items: EditionItem[];
}

interface FieldChange {
  field: string;
  before: EditionValue | undefined;
  after: EditionValue | undefined;
}

export interface BiaDiff {
  scaleChanged: { before: Scale; after: Scale } | null;
  matrixCells: { importance: number; dependency: number; before: Priority | null; after: Priority | null }[];
  rtoTable: { priority: Priority; before: Rto; after: Rto }[];
  added: Pick<EditionItem, 'id' | 'kind' | 'name'>[];
  removed: Pick<EditionItem, 'id' | 'kind' | 'name'>[];
  changed: (Pick<EditionItem, 'id' | 'kind' | 'name'> & { changes: FieldChange[] })[];
  /** True when nothing differs. */
  isUnchanged: boolean;
}

const KIND_ORDER: Record<NodeKind, number> = { operation: 0, system: 1, component: 2, supplier: 3 };
const byKindThenName = (a: { kind: NodeKind; name: string; id: string }, b: typeof a) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'ja') || (a.id < b.id ? -1 : 1);

/**
 * What changed between the signed edition and the current state.
 * @example diffBiaEditions(signed, current).changed[0] // { id, kind: 'system', name: 'NAS', changes: [{ field: 'declaredRto', before: …, after: … }] }
 */
export function diffBiaEditions(signed: BiaEdition, current: BiaEdition): BiaDiff {
  const scaleChanged = signed.scale === current.scale ? null : { before: signed.scale, after: current.scale };
  const matrixCells: BiaDiff['matrixCells'] = [];
  const size = Math.max(signed.scale, current.scale);
  for (let d = 0; d < size; d++)
    for (let i = 0; i < size; i++) {
      const before = signed.matrix[d]?.[i] ?? null;
      const after = current.matrix[d]?.[i] ?? null;
      if (before !== after) matrixCells.push({ importance: i + 1, dependency: d + 1, before, after });
    }
  const rtoTable: BiaDiff['rtoTable'] = [];
  for (const p of PRIORITIES)
    if (!dequal(signed.rtoTable[p], current.rtoTable[p]))
      rtoTable.push({ priority: p, before: signed.rtoTable[p], after: current.rtoTable[p] });

  const before = new Map(signed.items.map((it) => [it.id, it]));
  const after = new Map(current.items.map((it) => [it.id, it]));
  const brief = ({ id, kind, name }: EditionItem) => ({ id, kind, name });
  const added = current.items.filter((it) => !before.has(it.id)).map(brief);
  const removed = signed.items.filter((it) => !after.has(it.id)).map(brief);
  const changed: BiaDiff['changed'] = [];
  for (const now of current.items) {
    const then = before.get(now.id);
    if (!then) continue;
    const changes: FieldChange[] = [];
    if (then.name !== now.name) changes.push({ field: 'name', before: then.name, after: now.name });
    const fields = new Set([...Object.keys(then.fields), ...Object.keys(now.fields)]);
    for (const field of [...fields].sort()) {
      const b = then.fields[field];
      const a = now.fields[field];
      if (!dequal(b, a)) changes.push({ field, before: b, after: a });
    }
    if (changes.length > 0) changed.push({ ...brief(now), changes });
  }
  added.sort(byKindThenName);
  removed.sort(byKindThenName);
  changed.sort(byKindThenName);
  return {
    scaleChanged,
    matrixCells,
    rtoTable,
    added,
    removed,
    changed,
    isUnchanged:
      !scaleChanged &&
      matrixCells.length === 0 &&
      rtoTable.length === 0 &&
      added.length === 0 &&
      removed.length === 0 &&
      changed.length === 0,
  };
}
