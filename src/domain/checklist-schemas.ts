/**
 * The format of a security checklist file, content/checklists/<id>.yaml (PRODUCT.md module 9;
 * principle 5: a new checklist is a new file, no code). Loaded by
 * src/server/modules/assessment/content.ts, which also checks what one file cannot: checklist ids
 * unique across files, and `related` references into another checklist.
 *
 * Within a file this schema refuses duplicate category, item and parameter ids, an item in an
 * unknown category, a category without items, and a `related` id that names no item.
 */

import { z } from 'zod';
import {
  PARAMETER_BOUNDS,
  PARAMETER_UNITS,
  PROTOCOLS,
  REQUIREMENT_LEVELS,
  THREAT_CLASSES,
} from './checklist.js';
import { TextSchema } from './content-schemas.js';
import { TIERS } from './tier-diagnosis.js';

const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const IdSchema = z.string().regex(ID_RE, 'ids are kebab-case (a-z, 0-9, single hyphens)').max(80);
const SourceSchema = z
  .string()
  .trim()
  .regex(/^\d{3} §.+/, 'source must look like "004 §5.1.4"')
  .max(300);

/** `item-id` in the same checklist, or `checklist-id/item-id` in another one. */
const RelatedSchema = z
  .string()
  .regex(
    /^([a-z0-9]+(-[a-z0-9]+)*\/)?[a-z0-9]+(-[a-z0-9]+)*$/,
    'a related item is "item-id" or "checklist-id/item-id"',
  )
  .max(161);

const ParameterBase = { name: IdSchema, label: TextSchema };
const Figure = z.number().min(0).max(1_000_000);

const ParameterSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...ParameterBase,
    type: z.literal('number'),
    value: Figure,
    unit: z.enum(PARAMETER_UNITS),
    bound: z.enum(PARAMETER_BOUNDS),
  }),
  z
    .strictObject({
      ...ParameterBase,
      type: z.literal('range'),
      min: Figure,
      max: Figure,
      unit: z.enum(PARAMETER_UNITS),
      protocol: z.enum(PROTOCOLS).optional(),
    })
    .refine((p) => p.min < p.max, { message: 'min must be below max', path: ['max'] }),
  z.strictObject({
    ...ParameterBase,
    type: z.literal('list'),
    values: z.array(Figure).min(1).max(50),
    unit: z.enum(PARAMETER_UNITS),
    protocol: z.enum(PROTOCOLS).optional(),
  }),
  z.strictObject({ ...ParameterBase, type: z.literal('text'), value: z.string().trim().min(1).max(60) }),
]);

const ItemSchema = z.strictObject({
  id: IdSchema,
  category: IdSchema,
  /** SHALL / SHOULD / MAY (004 §4.7). */
  level: z.enum(REQUIREMENT_LEVELS),
  /** What the item is about, where a source names it apart from the measure (002: 脅威の入口 "USBメモリー"). */
  subject: TextSchema.optional(),
  /** What to do, in one line (対策項目). */
  measure: TextSchema,
  /** How, with the figures (対策詳細). */
  detail: TextSchema,
  /** What happens without it (脅威シナリオ). */
  threatScenario: TextSchema,
  /** The harm a source names in its own words (002: 懸念されるリスク "工場停止"). */
  consequence: TextSchema.optional(),
  threatClasses: z
    .array(z.enum(THREAT_CLASSES))
    .min(1)
    .refine((c) => new Set(c).size === c.length, { message: 'a threat class is listed twice' }),
  parameters: z.array(ParameterSchema).max(10).optional(),
  related: z.array(RelatedSchema).max(20).optional(),
  /** The tiers (松竹梅) the item is meant for; left out: every tier. */
  tiers: z.array(z.enum(TIERS)).min(1).max(3).optional(),
  source: SourceSchema,
});

/** Where in the file the first of two equal values is, for "already used by …" messages. */
function duplicates<T>(list: readonly T[], key: (t: T) => string): { index: number; first: number }[] {
  const seen = new Map<string, number>();
  const out: { index: number; first: number }[] = [];
  list.forEach((t, index) => {
    const k = key(t);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else out.push({ index, first });
  });
  return out;
}

export const ChecklistFileSchema = z
  .strictObject({
    id: IdSchema,
    /** Raised when items change meaning; an assessment records the version it answered. */
    version: z.number().int().min(1),
    source: SourceSchema,
    title: TextSchema,
    intro: TextSchema.optional(),
    categories: z
      .array(z.strictObject({ id: IdSchema, title: TextSchema, source: SourceSchema.optional() }))
      .min(1)
      .max(30),
    items: z.array(ItemSchema).min(1).max(300),
  })
  .superRefine((c, ctx) => {
    for (const { index, first } of duplicates(c.categories, (x) => x.id))
      ctx.addIssue({
        code: 'custom',
        path: ['categories', index, 'id'],
        message: `duplicate category id (also categories[${first}])`,
      });
    for (const { index, first } of duplicates(c.items, (x) => x.id))
      ctx.addIssue({
        code: 'custom',
        path: ['items', index, 'id'],
        message: `duplicate item id (also items[${first}])`,
      });
    const categories = new Set(c.categories.map((x) => x.id));
    const items = new Set(c.items.map((x) => x.id));
    c.items.forEach((item, i) => {
      if (!categories.has(item.category))
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'category'],
          message: `unknown category "${item.category}"`,
        });
      (item.related ?? []).forEach((ref, j) => {
        const local = !ref.includes('/') || ref.startsWith(`${c.id}/`);
        const target = ref.includes('/') ? ref.slice(ref.indexOf('/') + 1) : ref;
        if (local && !items.has(target))
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'related', j],
            message: `unknown item "${ref}"`,
          });
        else if (local && target === item.id)
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'related', j],
            message: 'an item cannot relate to itself',
          });
      });
      for (const { index } of duplicates(item.parameters ?? [], (p) => p.name))
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'parameters', index, 'name'],
          message: 'duplicate parameter name',
        });
    });
    c.categories.forEach((cat, i) => {
      if (!c.items.some((item) => item.category === cat.id))
        ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: 'category has no items' });
    });
  });

export type Checklist = z.output<typeof ChecklistFileSchema>;
