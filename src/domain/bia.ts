/**
 * Business impact analysis rules (001 §業務の重要度を分ける): the priority matrix that turns an
 * operation's importance (業務重要度) and its dependency on systems (システム依存度) into a
 * recovery priority S/A/B/C/D, and the mapping of levels when the scale changes. Pure: no I/O.
 *
 * Levels run from 1 (lowest) to the scale size (3 or 5). A matrix is stored as
 * `cells[dependency - 1][importance - 1]`: rows are dependency levels, lowest first.
 */

import { isOneOf } from './one-of.js';
import type { Rto, RtoTable } from './rto.js';

export const PRIORITIES = ['S', 'A', 'B', 'C', 'D'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SCALES = [3, 5] as const;
export type Scale = (typeof SCALES)[number];

export type Axis = 'importance' | 'dependency';

export interface PriorityMatrix {
  scale: Scale;
  /** cells[dependency - 1][importance - 1] */
  cells: Priority[][];
}

const isPriority = (value: unknown): value is Priority => isOneOf(PRIORITIES, value);

const isScale = (value: unknown): value is Scale => value === 3 || value === 5;

export const isLevel = (scale: Scale, value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= scale;

/** 0 for S … 4 for D: smaller is more urgent. */
const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);

/** The more urgent of two priorities. */
export const higherPriority = (a: Priority, b: Priority): Priority =>
  priorityRank(b) < priorityRank(a) ? b : a;

/*
 * 001's presets are both "sum of the two levels":
 *   3 levels: 6 = S, 5 = A, 4 = B, 3 = C, 2 = D (exactly the 3×3 table of 001 §①3段階);
 *   5 levels: 10–9 = S, 8–7 = A, 6 = B, 5–4 = C, 3–2 = D (our default for 001 §②5段階).
 */
function priorityBySum(scale: Scale, sum: number): Priority {
  if (scale === 3) {
    if (sum >= 6) return 'S';
    if (sum === 5) return 'A';
    if (sum === 4) return 'B';
    if (sum === 3) return 'C';
    return 'D';
  }
  if (sum >= 9) return 'S';
  if (sum >= 7) return 'A';
  if (sum === 6) return 'B';
  if (sum >= 4) return 'C';
  return 'D';
}

/**
 * The preset matrix for a scale, built by the sum rule.
 * @example sumRuleMatrix(3).cells[2] // dependency high: ['B', 'A', 'S'] for importance low, medium, high
 */
export function sumRuleMatrix(scale: Scale): PriorityMatrix {
  const cells: Priority[][] = [];
  for (let dependency = 1; dependency <= scale; dependency++) {
    const row: Priority[] = [];
    for (let importance = 1; importance <= scale; importance++)
      row.push(priorityBySum(scale, importance + dependency));
    cells.push(row);
  }
  return { scale, cells };
}

type MatrixProblem = 'scale_unknown' | 'matrix_shape_invalid' | 'matrix_cell_empty' | 'matrix_cell_unknown';

export interface MatrixIssue {
  /** e.g. ['cells', 2, 0] = dependency level 3, importance level 1 */
  path: (string | number)[];
  code: MatrixProblem;
  params?: Record<string, string | number>;
}

/**
 * Checks a custom matrix: known scale, one row per dependency level, one cell per importance level,
 * every cell one of S/A/B/C/D. Every bad cell is reported, named by its two levels.
 * @example validatePriorityMatrix({ scale: 3, cells: [['D','C','B'],['C','','A'],['B','A','S']] })
 * // { ok: false, issues: [{ path: ['cells', 1, 1], code: 'matrix_cell_empty', params: { importance: 2, dependency: 2 } }] }
 */
export function validatePriorityMatrix(
  input: unknown,
): { ok: true; matrix: PriorityMatrix } | { ok: false; issues: MatrixIssue[] } {
  const { scale, cells } = (typeof input === 'object' && input !== null ? input : {}) as {
    scale?: unknown;
    cells?: unknown;
  };
  if (!isScale(scale)) return { ok: false, issues: [{ path: ['scale'], code: 'scale_unknown' }] };
  if (!Array.isArray(cells) || cells.length !== scale)
    return {
      ok: false,
      issues: [{ path: ['cells'], code: 'matrix_shape_invalid', params: { expectedRows: scale } }],
    };
  const issues: MatrixIssue[] = [];
  const clean: Priority[][] = [];
  cells.forEach((row: unknown, d) => {
    if (!Array.isArray(row) || row.length !== scale) {
      issues.push({
        path: ['cells', d],
        code: 'matrix_shape_invalid',
        params: { dependency: d + 1, expectedCells: scale },
      });
      return;
    }
    const cleanRow: Priority[] = [];
    for (let i = 0; i < scale; i++) {
      const value: unknown = row[i];
      const where = { importance: i + 1, dependency: d + 1 };
      if (value === undefined || value === null || value === '')
        issues.push({ path: ['cells', d, i], code: 'matrix_cell_empty', params: where });
      else if (!isPriority(value))
        issues.push({
          path: ['cells', d, i],
          code: 'matrix_cell_unknown',
          params: { ...where, value: String(value) },
        });
      else cleanRow.push(value);
    }
    clean.push(cleanRow);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, matrix: { scale, cells: clean } };
}

export class LevelError extends Error {
  constructor(
    readonly code: 'level_unknown',
    readonly params: { axis: Axis; level: string; scale: number },
  ) {
    super(`${code}: ${params.axis} ${params.level} on a ${params.scale}-level scale`);
  }
}

/**
 * The priority for one operation. Throws LevelError (code `level_unknown`) for a level outside the scale.
 * @example priorityFor(sumRuleMatrix(3), { importance: 3, dependency: 3 }) // 'S'
 */
export function priorityFor(
  matrix: PriorityMatrix,
  levels: { importance: number; dependency: number },
): Priority {
  for (const axis of ['importance', 'dependency'] as const) {
    if (!isLevel(matrix.scale, levels[axis]))
      throw new LevelError('level_unknown', { axis, level: String(levels[axis]), scale: matrix.scale });
  }
  const cell = matrix.cells[levels.dependency - 1]?.[levels.importance - 1];
  // validatePriorityMatrix makes every cell of the scale a priority.
  if (!cell) throw new Error(`priority matrix has no cell ${levels.dependency}×${levels.importance}`);
  return cell;
}

/**
 * An operation's priority and RTO from the organization's matrix and RTO table.
 * @example assessOperation(sumRuleMatrix(3), example1, { importance: 3, dependency: 2 }) // { priority: 'A', rto: 12 h }
 */
export function assessOperation(
  matrix: PriorityMatrix,
  rtoTable: RtoTable,
  levels: { importance: number; dependency: number },
): { priority: Priority; rto: Rto } {
  const priority = priorityFor(matrix, levels);
  return { priority, rto: rtoTable[priority] };
}

/**
 * An operation's dependency level when it is not set by hand: the highest dependency level among
 * the systems it uses directly (an operation is as dependent as its most critical system);
 * 1 (lowest) when it uses none.
 */
export function operationDependencyLevel(systemLevels: readonly number[]): number {
  let level = 1;
  for (const l of systemLevels) if (l > level) level = l;
  return level;
}

/** Counts per cell for the heat-map: counts[dependency - 1][importance - 1]. */
export function matrixCounts(
  scale: Scale,
  items: readonly { importance: number; dependency: number }[],
): number[][] {
  const counts = Array.from({ length: scale }, () => new Array<number>(scale).fill(0));
  for (const { importance, dependency } of items) {
    const row = counts[dependency - 1];
    if (row && isLevel(scale, importance) && isLevel(scale, dependency))
      row[importance - 1] = (row[importance - 1] ?? 0) + 1;
  }
  return counts;
}

/*
 * Changing the scale. 3 → 5 spreads the levels to the ends and the middle (1→1, 2→3, 3→5);
 * 5 → 3 folds them symmetrically (1,2→1, 3→2, 4,5→3). 3 → 5 → 3 gives back the same levels;
 * 5 → 3 → 5 cannot (2 and 4 become 1 and 5), which is why the change is reported before saving.
 */
const UP: Record<number, number> = { 1: 1, 2: 3, 3: 5 };
const DOWN: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 3, 5: 3 };

/**
 * One level on the new scale.
 * @example mapLevel(2, 3, 5) // 3
 */
export function mapLevel(level: number, from: Scale, to: Scale, axis: Axis = 'importance'): number {
  if (!isLevel(from, level))
    throw new LevelError('level_unknown', { axis, level: String(level), scale: from });
  const mapped = from === to ? level : (from === 3 ? UP : DOWN)[level];
  if (mapped === undefined)
    throw new LevelError('level_unknown', { axis, level: String(level), scale: from });
  return mapped;
}

export interface LevelledItem {
  id: string;
  importance?: number | null;
  dependency?: number | null;
}

interface ScaleChangeEntry {
  id: string;
  before: { importance: number | null; dependency: number | null; priority: Priority | null };
  after: { importance: number | null; dependency: number | null; priority: Priority | null };
  /** A level changed its number (always true for 2 ↔ 3 etc.; false for level 1). */
  levelsChanged: boolean;
  /** The recovery priority is different under the new matrix. */
  priorityChanged: boolean;
}

export interface ScaleChangeReport {
  from: Scale;
  to: Scale;
  entries: ScaleChangeEntry[];
  /** Items whose priority changed, for the "what moved" summary. */
  moved: ScaleChangeEntry[];
  /** How many items end up in each priority before and after. */
  countsBefore: Record<Priority, number>;
  countsAfter: Record<Priority, number>;
}

const emptyCounts = (): Record<Priority, number> => ({ S: 0, A: 0, B: 0, C: 0, D: 0 });

/**
 * Maps every item's levels from one scale to the other and reports what moved.
 * The priority before uses `fromMatrix`, after uses `toMatrix` (default: the sum-rule preset).
 * Levels that are missing stay missing; an item needs both levels to have a priority.
 * Throws LevelError for a level outside the old scale.
 */
export function planScaleChange(
  items: readonly LevelledItem[],
  fromMatrix: PriorityMatrix,
  toMatrix: PriorityMatrix = sumRuleMatrix(fromMatrix.scale === 3 ? 5 : 3),
): ScaleChangeReport {
  const from = fromMatrix.scale;
  const to = toMatrix.scale;
  const countsBefore = emptyCounts();
  const countsAfter = emptyCounts();
  const entries: ScaleChangeEntry[] = [];
  for (const item of items) {
    const importance = item.importance ?? null;
    const dependency = item.dependency ?? null;
    for (const [axis, level] of [
      ['importance', importance],
      ['dependency', dependency],
    ] as const) {
      if (level !== null && !isLevel(from, level))
        throw new LevelError('level_unknown', { axis, level: String(level), scale: from });
    }
    const newImportance = importance === null ? null : mapLevel(importance, from, to, 'importance');
    const newDependency = dependency === null ? null : mapLevel(dependency, from, to, 'dependency');
    const before =
      importance !== null && dependency !== null ? priorityFor(fromMatrix, { importance, dependency }) : null;
    const after =
      newImportance !== null && newDependency !== null
        ? priorityFor(toMatrix, { importance: newImportance, dependency: newDependency })
        : null;
    if (before) countsBefore[before]++;
    if (after) countsAfter[after]++;
    entries.push({
      id: item.id,
      before: { importance, dependency, priority: before },
      after: { importance: newImportance, dependency: newDependency, priority: after },
      levelsChanged: newImportance !== importance || newDependency !== dependency,
      priorityChanged: before !== after,
    });
  }
  return { from, to, entries, moved: entries.filter((e) => e.priorityChanged), countsBefore, countsAfter };
}
