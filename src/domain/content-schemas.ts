/**
 * Schemas of the BIA, damage, diagnosis and glossary content files (PRODUCT principle 5: content is data).
 * The files live in content/bia, content/damage and content/diagnosis; load them with
 * src/server/content/load.ts `loadContentFile(file, Schema)`. Every text is { ja, en }; every
 * item taken from a seed names it in `source` ("001 §<section>").
 */

import { z } from 'zod';
import { type PriorityMatrix, validatePriorityMatrix } from './bia.js';
import { PrioritySchema, RtoSchema, ScaleSchema } from './bia-schemas.js';
import { DAMAGE_CATEGORIES, DAMAGE_GROUP_IDS } from './damage.js';
import { MEASURE_SCREENS, TIERS } from './tier-diagnosis.js';

/** Every text of a content file: Japanese first, English second, both required (also src/server/content/text.ts). */
export const TextSchema = z.strictObject({
  ja: z.string().trim().min(1).max(2000),
  en: z.string().trim().min(1).max(2000),
});
const SourceSchema = z
  .string()
  .trim()
  .regex(/^\d{3} §.+/, 'source must look like "001 §section"')
  .max(300);
const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case')
  .max(80);
const unique = <T>(items: T[], key: (t: T) => string) => new Set(items.map(key)).size === items.length;

// content/bia/scales.yaml -------------------------------------------------------------------------

const LevelDefinitionSchema = z.strictObject({
  level: z.number().int().min(1).max(5),
  label: TextSchema,
  /** What puts an operation (importance) or its systems (dependency) on this level. */
  examples: z.array(TextSchema).min(1).max(10),
});

export const BiaScalesContentSchema = z.strictObject({
  version: z.number().int().min(1),
  scales: z
    .array(
      z
        .strictObject({
          scale: ScaleSchema,
          source: SourceSchema,
          title: TextSchema,
          importance: z.array(LevelDefinitionSchema),
          dependency: z.array(LevelDefinitionSchema),
          note: TextSchema.optional(),
        })
        .refine(
          (s) =>
            [s.importance, s.dependency].every(
              (levels) => levels.length === s.scale && levels.every((l, i) => l.level === s.scale - i), // listed highest first
            ),
          { message: 'each axis lists every level once, highest first' },
        ),
    )
    .min(1)
    .refine((all) => unique(all, (s) => String(s.scale)), { message: 'one entry per scale' }),
});

// content/bia/presets.yaml ------------------------------------------------------------------------

/** Matrix rows keyed by dependency level ("3": importance low → high), as the eye reads a table. */
const MatrixPresetSchema = z
  .strictObject({
    id: IdSchema,
    source: SourceSchema,
    title: TextSchema,
    rule: TextSchema,
    scale: ScaleSchema,
    byDependency: z.record(z.string().regex(/^[1-5]$/), z.array(PrioritySchema)),
  })
  .transform((preset, ctx) => {
    const cells = Array.from({ length: preset.scale }, (_, d) => preset.byDependency[String(d + 1)]);
    const checked = validatePriorityMatrix({ scale: preset.scale, cells });
    if (!checked.ok) {
      for (const issue of checked.issues)
        ctx.addIssue({
          code: 'custom',
          path: ['byDependency'],
          message: `${issue.code} ${JSON.stringify(issue.params ?? {})}`,
        });
      return z.NEVER;
    }
    if (Object.keys(preset.byDependency).length !== preset.scale) {
      ctx.addIssue({ code: 'custom', path: ['byDependency'], message: 'one row per dependency level' });
      return z.NEVER;
    }
    const matrix: PriorityMatrix = checked.matrix;
    return { id: preset.id, source: preset.source, title: preset.title, rule: preset.rule, matrix };
  });

const RtoPresetSchema = z.strictObject({
  id: IdSchema,
  source: SourceSchema,
  title: TextSchema,
  table: z.strictObject({ S: RtoSchema, A: RtoSchema, B: RtoSchema, C: RtoSchema, D: RtoSchema }),
});

export const BiaPresetsContentSchema = z.strictObject({
  version: z.number().int().min(1),
  matrices: z
    .array(MatrixPresetSchema)
    .min(1)
    .refine((all) => unique(all, (m) => m.id), { message: 'ids must be unique' }),
  rtoTables: z
    .array(RtoPresetSchema)
    .min(1)
    .refine((all) => unique(all, (t) => t.id), { message: 'ids must be unique' }),
  rtoStates: z.strictObject({ risk_accepted: TextSchema, not_set: TextSchema, at_least: TextSchema }),
});

// content/damage/presets.yaml ---------------------------------------------------------------------

const Yen = z.number().int().min(0).max(1_000_000_000_000);

export const DamageContentSchema = z.strictObject({
  version: z.number().int().min(1),
  categories: z.array(
    z.strictObject({
      id: z.enum(DAMAGE_CATEGORIES),
      group: z.enum(DAMAGE_GROUP_IDS),
      source: SourceSchema,
      label: TextSchema,
      help: TextSchema,
    }),
  ),
  presets: z.array(
    z.strictObject({
      id: IdSchema,
      source: SourceSchema,
      title: TextSchema,
      scenario: TextSchema,
      employees: z.number().int().min(1).max(1_000_000),
      annualSalesYen: Yen,
      amounts: z.partialRecord(z.enum(DAMAGE_CATEGORIES), Yen),
      expected: z.strictObject({ totalYen: Yen, shareOfSalesPercent: z.number().int().min(0) }),
    }),
  ),
});

// content/diagnosis/tier-questionnaire.yaml -------------------------------------------------------

const TierSchema = z.enum(TIERS);

export const TierQuestionnaireSchema = z.strictObject({
  version: z.number().int().min(1),
  source: SourceSchema,
  intro: TextSchema,
  questions: z
    .array(
      z.strictObject({
        id: IdSchema,
        text: TextSchema,
        help: TextSchema.optional(),
        options: z
          .array(
            z.strictObject({
              id: IdSchema,
              text: TextSchema,
              /** Points this answer gives each tier; a tier left out gets 0. */
              points: z.partialRecord(TierSchema, z.number().int().min(0).max(10)),
            }),
          )
          .min(2)
          .max(6)
          .refine((o) => unique(o, (x) => x.id), { message: 'option ids must be unique' }),
      }),
    )
    .min(3)
    .max(12)
    .refine((q) => unique(q, (x) => x.id), { message: 'question ids must be unique' }),
});

// content/diagnosis/tier-measures.yaml ------------------------------------------------------------

const MEASURE_AREAS = ['backup', 'security', 'power', 'people', 'governance'] as const;

export const TierMeasuresSchema = z.strictObject({
  version: z.number().int().min(1),
  tiers: z
    .array(
      z.strictObject({
        tier: TierSchema,
        label: TextSchema,
        /** How dependent on IT a company in this tier is (001 §松竹梅). */
        profile: TextSchema,
        source: SourceSchema,
        measures: z
          .array(
            z.strictObject({
              id: IdSchema,
              area: z.enum(MEASURE_AREAS),
              /** The screen of the app where the measure is done, if there is one. */
              screen: z.enum(MEASURE_SCREENS).optional(),
              title: TextSchema,
              help: TextSchema,
              source: SourceSchema,
              /** Suggested due date for the starter task, in days from today. */
              suggestedDueDays: z.number().int().min(1).max(730),
            }),
          )
          .min(1)
          .max(30),
      }),
    )
    .length(3)
    .refine((t) => TIERS.every((tier) => t.some((x) => x.tier === tier)), { message: 'one entry per tier' })
    .refine(
      (t) =>
        unique(
          t.flatMap((x) => x.measures),
          (m) => m.id,
        ),
      { message: 'measure ids must be unique' },
    ),
});

// content/diagnosis/management-checklist.yaml -----------------------------------------------------

const ChecklistItemSchema = z.strictObject({
  id: IdSchema,
  number: z.number().int().min(1),
  title: TextSchema,
  help: TextSchema,
  source: SourceSchema,
});

export const ManagementChecklistSchema = z.strictObject({
  version: z.number().int().min(1),
  title: TextSchema,
  principles: z.array(ChecklistItemSchema).length(3),
  actions: z.array(ChecklistItemSchema).length(7),
});

// content/glossary/terms.yaml -----------------------------------------------------------------------

const GlossaryVariantsSchema = z.array(z.string().trim().min(1).max(100)).max(20);

/** One word an owner may not know: the UI's one spelling of it, a short explanation, spellings to avoid. */
const GlossaryEntrySchema = z.strictObject({
  id: IdSchema,
  term: TextSchema,
  /** The abbreviation the UI may show instead of the term (RTO, BIA). */
  abbr: z.string().trim().min(1).max(20).optional(),
  explain: TextSchema,
  /** Other spellings of the same idea that UI texts must not use (checked by content/glossary/glossary.test.ts). */
  variants: z
    .strictObject({ ja: GlossaryVariantsSchema.optional(), en: GlossaryVariantsSchema.optional() })
    .optional(),
});

export const GlossaryContentSchema = z
  .strictObject({
    version: z.number().int().min(1),
    terms: z.array(GlossaryEntrySchema).min(1).max(200),
  })
  .refine((c) => unique(c.terms, (t) => t.id), 'glossary ids must be unique');
