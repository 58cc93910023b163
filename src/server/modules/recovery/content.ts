import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { IT_LAYERS } from '../../../domain/dependency-graph.js';
import { DAMAGE_TARGETS, INCIDENT_TYPES, RECOVERY_LIMITS } from '../../../domain/recovery.js';
import { loadContentFile } from '../../content/load.js';
import { LocalizedTextSchema } from '../../content/text.js';

/**
 * The recovery plan's content files (content/recovery/*.yaml): incidents with their default
 * layers and the damage targets (incidents.yaml), the step templates of both phases
 * (templates.yaml), and the cyber first response with the data-leak notices (first-response.yaml).
 * A bad file fails with its name, line and field (src/server/content/load.ts).
 */

/** "001 §section": every item names the seed it comes from. */
const Source = z
  .string()
  .trim()
  .regex(/^\d{3} §.+/, 'source must look like "001 §section"')
  .max(300);
const Key = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'keys are kebab-case')
  .max(40);
const Layer = z.union(
  IT_LAYERS.map((l) => z.literal(l)) as [z.ZodLiteral<1>, ...z.ZodLiteral<1 | 2 | 3 | 4 | 5>[]],
);
const everyOnce =
  <T extends string>(all: readonly T[], label: string) =>
  (items: { id: T }[], ctx: z.RefinementCtx) => {
    const ids = items.map((i) => i.id);
    for (const id of all)
      if (!ids.includes(id)) ctx.addIssue({ code: 'custom', message: `${label} ${id} is missing` });
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: `${label} listed twice` });
  };

const IncidentsContentSchema = z.strictObject({
  version: z.number().int().min(1),
  incidents: z
    .array(
      z.strictObject({
        id: z.enum(INCIDENT_TYPES),
        source: Source,
        label: LocalizedTextSchema,
        layers: z.array(Layer).max(5),
        description: LocalizedTextSchema,
        exampleStops: LocalizedTextSchema,
        exampleWhy: LocalizedTextSchema,
      }),
    )
    .superRefine(everyOnce(INCIDENT_TYPES, 'incident')),
  targets: z
    .array(
      z.strictObject({
        id: z.enum(DAMAGE_TARGETS),
        source: Source,
        label: LocalizedTextSchema,
        hint: LocalizedTextSchema,
      }),
    )
    .superRefine(everyOnce(DAMAGE_TARGETS, 'target')),
});

const TemplateStep = z.strictObject({
  key: Key,
  source: Source,
  title: LocalizedTextSchema,
  minutes: z.number().int().min(0).max(RECOVERY_LIMITS.stepMinutes),
  after: z.array(Key).max(RECOVERY_LIMITS.steps),
  note: LocalizedTextSchema.optional(),
});
const Steps = z
  .array(TemplateStep)
  .min(1)
  .max(RECOVERY_LIMITS.steps)
  .superRefine((steps, ctx) => {
    const keys = new Set<string>();
    steps.forEach((s, i) => {
      if (keys.has(s.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'key listed twice' });
      for (const a of s.after)
        if (!keys.has(a))
          ctx.addIssue({ code: 'custom', path: [i, 'after'], message: `${a} must be an earlier step` });
      keys.add(s.key);
    });
  });

const TemplatesContentSchema = z.strictObject({
  version: z.number().int().min(1),
  phase1: Steps,
  phase2: Steps,
  degradedNote: z.strictObject({ source: Source, text: LocalizedTextSchema }),
});

const FirstResponseContentSchema = z.strictObject({
  version: z.number().int().min(1),
  steps: z
    .array(
      z.strictObject({ id: Key, source: Source, title: LocalizedTextSchema, detail: LocalizedTextSchema }),
    )
    .min(1),
  leak: z.strictObject({
    source: z
      .string()
      .trim()
      .regex(/^\d{3} §.+/)
      .max(300),
    intro: LocalizedTextSchema,
    notices: z
      .array(
        z.strictObject({
          id: Key,
          who: LocalizedTextSchema,
          when: LocalizedTextSchema,
          detail: LocalizedTextSchema,
        }),
      )
      .min(1),
  }),
});

export interface RecoveryContent {
  incidents: z.output<typeof IncidentsContentSchema>;
  templates: z.output<typeof TemplatesContentSchema>;
  firstResponse: z.output<typeof FirstResponseContentSchema>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** src/server/modules/recovery and dist/server/modules/recovery are both four levels below the root. */
const DIR = path.resolve(here, '../../../../content/recovery');

let cached: RecoveryContent | null = null;

/** The three files, read and checked once per process. */
export function recoveryContent(): RecoveryContent {
  cached ??= {
    incidents: loadContentFile(path.join(DIR, 'incidents.yaml'), IncidentsContentSchema),
    templates: loadContentFile(path.join(DIR, 'templates.yaml'), TemplatesContentSchema),
    firstResponse: loadContentFile(path.join(DIR, 'first-response.yaml'), FirstResponseContentSchema),
  };
  return cached;
}
