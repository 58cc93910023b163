import { z } from 'zod';
import { describeParameter, REQUIREMENT_LEVELS, type RequirementLevel } from '../../../domain/checklist.js';
import type { Checklist } from '../../../domain/checklist-schemas.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { securityChecklists } from './content.js';

/**
 * The items of an assessment as the sheet shows them: the chosen checklists' items (named
 * "checklist-id/item-id"), minus the dropped ones, plus the company's own (tailoring, 004 §4.5).
 */

type Text = { ja: string; en: string };

export interface SheetItem {
  key: string;
  checklistId: string;
  itemId: string;
  categoryKey: string;
  level: RequirementLevel;
  measure: Text;
  detail: Text;
  threatScenario: Text | null;
  threatClasses: ('leak' | 'tamper' | 'outage')[];
  parameters: { label: Text; value: Text }[];
  source: string | null;
  addedReason: string | null;
}

export interface SheetCategory {
  key: string;
  title: Text;
}

/** assessments.checklists as stored: the checklists answered and the version each had. */
export const StoredChecklistsSchema = z.array(z.object({ id: z.string(), version: z.number().int() }));

const AddedSchema = z.object({
  checklistId: z.string(),
  category: z.string(),
  id: z.string(),
  level: z.enum(REQUIREMENT_LEVELS),
  measure: z.string(),
  detail: z.string().nullable(),
  reason: z.string(),
});
/** assessments.tailoring as stored. */
export const StoredTailoringSchema = z.object({
  dropped: z.array(z.object({ itemKey: z.string(), reason: z.string() })),
  added: z.array(AddedSchema),
});
export type StoredTailoring = z.infer<typeof StoredTailoringSchema>;

export const keyOf = (checklistId: string, id: string): string => `${checklistId}/${id}`;

export function checklistById(id: string): Checklist | undefined {
  return securityChecklists().find((c) => c.id === id);
}

const same = (s: string): Text => ({ ja: s, en: s });

/** Every item of the checklists, in their order (before tailoring). */
export function checklistItems(checklistIds: readonly string[]): SheetItem[] {
  return checklistIds.flatMap((id) => {
    const c = checklistById(id);
    if (!c) return [];
    return c.items.map((item) => ({
      key: keyOf(c.id, item.id),
      checklistId: c.id,
      itemId: item.id,
      categoryKey: keyOf(c.id, item.category),
      level: item.level,
      measure: item.measure,
      detail: item.detail,
      threatScenario: item.threatScenario,
      threatClasses: [...item.threatClasses],
      parameters: (item.parameters ?? []).map((p) => ({
        label: p.label,
        value: { ja: describeParameter(p, 'ja'), en: describeParameter(p, 'en') },
      })),
      source: item.source,
      addedReason: null,
    }));
  });
}

export function sheetCategories(checklistIds: readonly string[]): SheetCategory[] {
  return checklistIds.flatMap((id) => {
    const c = checklistById(id);
    return (c?.categories ?? []).map((cat) => ({ key: keyOf(id, cat.id), title: cat.title }));
  });
}

/** The company's own item as the sheet shows it (written in one language, shown in both). */
function addedItem(a: z.infer<typeof AddedSchema>): SheetItem {
  return {
    key: keyOf(a.checklistId, a.id),
    checklistId: a.checklistId,
    itemId: a.id,
    categoryKey: keyOf(a.checklistId, a.category),
    level: a.level,
    measure: same(a.measure),
    detail: same(a.detail ?? ''),
    threatScenario: null,
    threatClasses: [],
    parameters: [],
    source: null,
    addedReason: a.reason,
  };
}

/** The items of an assessment: the checklists' minus the dropped, plus the added. */
export function sheetItems(checklistIds: readonly string[], tailoring: StoredTailoring): SheetItem[] {
  const dropped = new Set(tailoring.dropped.map((d) => d.itemKey));
  return [
    ...checklistItems(checklistIds).filter((i) => !dropped.has(i.key)),
    ...tailoring.added.map(addedItem),
  ];
}

/**
 * Issues about an item (params.itemId) also name it as an owner knows it: its measure in both
 * languages (params item_ja / item_en, the web shows the reader's), the key staying for machines.
 * An item the assessment does not have is named by its key.
 * @example nameItems([{ path: ['telework/rdp', 'reason'], code: 'decision_reason_required', params: { itemId: 'telework/rdp' } }], measures)
 * // [{ …, params: { itemId: 'telework/rdp', item_ja: 'RDPを無効にする', item_en: 'Turn RDP off' } }]
 */
export function nameItems(issues: readonly FieldIssue[], measures: ReadonlyMap<string, Text>): FieldIssue[] {
  return issues.map((issue) => {
    const itemId = issue.params?.itemId;
    if (typeof itemId !== 'string') return issue;
    const measure = measures.get(itemId) ?? same(itemId);
    return { ...issue, params: { ...issue.params, item_ja: measure.ja, item_en: measure.en } };
  });
}

/** Each item's measure by key. */
export const measuresOf = (items: readonly SheetItem[]): Map<string, Text> =>
  new Map(items.map((i) => [i.key, i.measure]));
