import { z } from 'zod';
import { PrioritySchema, RtoSchema } from '../domain/bia-schemas.js';
import { IT_LAYERS } from '../domain/dependency-graph.js';
import { LOCALES } from '../domain/organization.js';
import { DAMAGE_TARGETS, FEASIBILITY_VERDICTS, INCIDENT_TYPES, RECOVERY_LIMITS } from '../domain/recovery.js';
import { multilineText, text } from './fields.js';

/**
 * The recovery plan's API (PRODUCT module 6): per-system procedures (phase 1 provisional, phase 2
 * permanent), the assumed incidents with the incident × layer matrix, recovery owners and
 * contacts, and the content (templates, incidents, first response). Rules: src/domain/recovery.ts.
 */

const Text = z.object({ ja: z.string(), en: z.string() });
const IncidentTypeSchema = z.enum(INCIDENT_TYPES);
const DamageTargetSchema = z.enum(DAMAGE_TARGETS);
const LayerSchema = z.union(
  IT_LAYERS.map((l) => z.literal(l)) as [z.ZodLiteral<1>, ...z.ZodLiteral<1 | 2 | 3 | 4 | 5>[]],
);
const Id = text().max(64);
const Ids = z.array(Id).max(RECOVERY_LIMITS.references);
const StepKey = text()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'step_key_invalid');

// --- content ----------------------------------------------------------------------------------

const TemplateStepSchema = z.object({
  key: z.string(),
  source: z.string(),
  title: Text,
  minutes: z.number().int(),
  after: z.array(z.string()),
  note: Text.optional(),
});

/** GET /recovery/content: what the files in content/recovery say, in both languages. */
export const RecoveryContentSchema = z.object({
  incidents: z.array(
    z.object({
      id: IncidentTypeSchema,
      source: z.string(),
      label: Text,
      layers: z.array(LayerSchema),
      description: Text,
      exampleStops: Text,
      exampleWhy: Text,
    }),
  ),
  targets: z.array(z.object({ id: DamageTargetSchema, source: z.string(), label: Text, hint: Text })),
  templates: z.object({
    phase1: z.array(TemplateStepSchema),
    phase2: z.array(TemplateStepSchema),
    degradedNote: z.object({ source: z.string(), text: Text }),
  }),
  firstResponse: z.object({
    steps: z.array(z.object({ id: z.string(), source: z.string(), title: Text, detail: Text })),
    leak: z.object({
      source: z.string(),
      intro: Text,
      notices: z.array(z.object({ id: z.string(), who: Text, when: Text, detail: Text })),
    }),
  }),
});
export type RecoveryContent = z.infer<typeof RecoveryContentSchema>;

// --- procedures ---------------------------------------------------------------------------------

/**
 * One step as sent. `duration` is whole minutes or words with a unit ("2時間", "30分"); a
 * negative or unreadable one is refused with issue 'duration_negative' / 'duration_unreadable'.
 * `after` names steps of the same phase by key; a loop is refused ('step_cycle').
 */
const StepInputSchema = z.strictObject({
  key: StepKey,
  title: text().trim().min(1).max(200),
  /** The template step it was made from, if any. */
  templateKey: text().max(40).nullable().optional(),
  ownerPersonId: Id.nullable().optional(),
  ownerText: text().trim().max(200).nullable().optional(),
  duration: z.union([z.number(), text().max(40)]),
  after: z.array(StepKey).max(RECOVERY_LIMITS.steps).optional(),
  /** Other systems that must be back before this step can start. */
  afterSystems: Ids.optional(),
  contactPersonIds: Ids.optional(),
  contactSupplierIds: Ids.optional(),
  note: multilineText().trim().max(2000).nullable().optional(),
});
export type StepInput = z.infer<typeof StepInputSchema>;
const PhaseInput = z.array(StepInputSchema).max(RECOVERY_LIMITS.steps);

export const ProcedureCreateSchema = z.strictObject({
  systemId: Id,
  /** Start from the 001 templates, written in this language (the phases below are then ignored). */
  template: z.enum(LOCALES).optional(),
  phase1: PhaseInput.optional(),
  phase2: PhaseInput.optional(),
  degradedNote: multilineText().trim().max(2000).nullable().optional(),
});
export type ProcedureCreate = z.infer<typeof ProcedureCreateSchema>;

/** PUT: the whole procedure as it should be (under If-Match). */
export const ProcedureUpdateSchema = z.strictObject({
  phase1: PhaseInput,
  phase2: PhaseInput,
  degradedNote: multilineText().trim().max(2000).nullable().optional(),
});
export type ProcedureUpdate = z.infer<typeof ProcedureUpdateSchema>;

/** A step as stored in recovery_procedures.phase1 / phase2. */
const StoredStepSchema = z.object({
  key: z.string(),
  title: z.string(),
  templateKey: z.string().nullable(),
  ownerPersonId: z.string().nullable(),
  ownerText: z.string().nullable(),
  durationMinutes: z.number().int().min(0),
  after: z.array(z.string()),
  afterSystems: z.array(z.string()),
  contactPersonIds: z.array(z.string()),
  contactSupplierIds: z.array(z.string()),
  note: z.string().nullable(),
});
export type StoredStep = z.infer<typeof StoredStepSchema>;
export const StoredStepsSchema = z.array(StoredStepSchema);

const StepSchema = StoredStepSchema.extend({
  /** When the step can start, in minutes from the start of its phase (steps side by side where allowed). */
  startMinutes: z.number().int(),
});
export type Step = z.infer<typeof StepSchema>;

const FeasibilitySchema = z.object({
  verdict: z.enum(FEASIBILITY_VERDICTS),
  phase1Minutes: z.number().int().nullable(),
  backAfterMinutes: z.number().int().nullable(),
  targetMinutes: z.number().int().nullable(),
  gapMinutes: z.number().int(),
  /** Keys of the phase-1 steps that set its length. */
  longestChain: z.array(z.string()),
  /** Systems it waits for. */
  waitsFor: z.array(z.string()),
});
export type FeasibilityView = z.infer<typeof FeasibilitySchema>;

export const ProcedureSchema = z.object({
  id: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  priority: PrioritySchema.nullable(),
  requiredRto: RtoSchema.nullable(),
  phase1: z.array(StepSchema),
  phase2: z.array(StepSchema),
  phase2Minutes: z.number().int(),
  degradedNote: z.string().nullable(),
  feasibility: FeasibilitySchema,
  /** Names of the people, suppliers and systems the steps refer to, by id. */
  names: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

// --- overview -------------------------------------------------------------------------------------

const OverviewSystemSchema = z.object({
  id: z.string(),
  name: z.string(),
  priority: PrioritySchema.nullable(),
  requiredRto: RtoSchema.nullable(),
  procedureId: z.string().nullable(),
  /** Systems it needs (the dependency graph's system → system links). */
  needs: z.array(z.string()),
  /** Its components (direct), for the incident view. */
  components: z.array(z.object({ id: z.string(), name: z.string(), layer: LayerSchema })),
  feasibility: FeasibilitySchema,
});
export type OverviewSystem = z.infer<typeof OverviewSystemSchema>;

/** GET /recovery: where the plan stands. */
export const RecoveryOverviewSchema = z.object({
  /** Every active system, in recovery order. */
  systems: z.array(OverviewSystemSchema),
  /** Loops among systems that need each other (ids, first repeated at the end). */
  cycles: z.array(z.array(z.string())),
  counts: z.object({
    systems: z.number().int(),
    withProcedure: z.number().int(),
    missTarget: z.number().int(),
    /** Priority S or A systems without a procedure. */
    urgentWithout: z.number().int(),
  }),
});
export type RecoveryOverview = z.infer<typeof RecoveryOverviewSchema>;

// --- incidents ------------------------------------------------------------------------------------

export const IncidentParamsSchema = z.strictObject({ incident: IncidentTypeSchema });

export const IncidentUpdateSchema = z.strictObject({
  assumed: z.boolean(),
  whatStops: multilineText().trim().max(2000).nullable(),
  whyItMatters: multilineText().trim().max(2000).nullable(),
  /** Layers this incident damages, for this organization. */
  layers: z.array(LayerSchema).max(5),
});
export type IncidentUpdate = z.infer<typeof IncidentUpdateSchema>;

export const IncidentSchema = z.object({
  incident: IncidentTypeSchema,
  assumed: z.boolean(),
  whatStops: z.string().nullable(),
  whyItMatters: z.string().nullable(),
  layers: z.array(LayerSchema),
  /** The content file's layers; `layers` differs when the organization changed them. */
  defaultLayers: z.array(LayerSchema),
  /** 0 while the organization has not saved it (send If-Match: "0" to save it the first time). */
  version: z.number().int(),
});
export type Incident = z.infer<typeof IncidentSchema>;
export const IncidentListSchema = z.object({ items: z.array(IncidentSchema) });

// --- owners and contacts --------------------------------------------------------------------------

const contactFields = {
  target: DamageTargetSchema,
  /** What exactly, e.g. 電源設備・空調機. */
  targetNote: text().trim().max(200).nullable().optional(),
  ownerPersonId: Id.nullable().optional(),
  ownerText: text().trim().max(200).nullable().optional(),
  contactPersonIds: Ids.optional(),
  contactSupplierIds: Ids.optional(),
  note: multilineText().trim().max(2000).nullable().optional(),
};
export const ContactCreateSchema = z.strictObject(contactFields);
export type ContactCreate = z.infer<typeof ContactCreateSchema>;
export const ContactUpdateSchema = z.strictObject({
  ...contactFields,
  target: contactFields.target.optional(),
});
export type ContactUpdate = z.infer<typeof ContactUpdateSchema>;

export const ContactSchema = z.object({
  id: z.string(),
  target: DamageTargetSchema,
  targetNote: z.string().nullable(),
  ownerPersonId: z.string().nullable(),
  ownerText: z.string().nullable(),
  contactPersonIds: z.array(z.string()),
  contactSupplierIds: z.array(z.string()),
  note: z.string().nullable(),
  names: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Contact = z.infer<typeof ContactSchema>;
export const ContactListSchema = z.object({ items: z.array(ContactSchema) });
