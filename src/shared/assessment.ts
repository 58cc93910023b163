import { z } from 'zod';
import {
  ACTION_STATUSES,
  ASSESSMENT_REASON_MAX,
  ASSET_KINDS,
  DECISION_STATUSES,
  IMPACT_ASPECTS,
  IMPACT_LEVELS,
  SECRECY_LEVELS,
  URGENCIES,
} from '../domain/assessment.js';
import { REQUIREMENT_LEVELS, THREAT_CLASSES } from '../domain/checklist.js';
import { LOCALES } from '../domain/organization.js';
import { isoDate, multilineText, patchBody, text } from './fields.js';

/**
 * The security self-assessment (PRODUCT module 9; 004 §4.5, §11.2). Rules in
 * src/domain/assessment.ts; checklists are content/checklists/*.yaml. An item of an assessment is
 * named by its key "checklist-id/item-id"; its answer has its own id and version (If-Match), so
 * two people filling different items never overwrite each other.
 */

const Text = z.object({ ja: z.string(), en: z.string() });
const Yen = z.number().int().min(0).max(1_000_000_000_000);
const Reason = multilineText().trim().max(ASSESSMENT_REASON_MAX);
const ItemKey = text().max(161);
const Id = text().max(64);

// Checklists to choose from ------------------------------------------------------------------------

export const ChecklistCatalogSchema = z.object({
  checklists: z.array(
    z.object({
      id: z.string(),
      version: z.number().int(),
      source: z.string(),
      title: Text,
      intro: Text.nullable(),
      categories: z.array(z.object({ id: z.string(), title: Text })),
      items: z.array(
        z.object({ id: z.string(), category: z.string(), level: z.enum(REQUIREMENT_LEVELS), measure: Text }),
      ),
    }),
  ),
});
export type ChecklistCatalog = z.infer<typeof ChecklistCatalogSchema>;

// Starting an assessment ---------------------------------------------------------------------------

const AddedItemSchema = z.strictObject({
  checklistId: text().max(80),
  category: text().max(80),
  /** kebab-case, new within its checklist. */
  id: text()
    .max(80)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  level: z.enum(REQUIREMENT_LEVELS),
  measure: text().trim().min(1).max(300),
  detail: multilineText().trim().max(2000).optional(),
  reason: Reason.optional(),
});

export const AssessmentCreateSchema = z.strictObject({
  title: text().trim().min(1).max(200),
  /** The day the assessment is about (YYYY-MM-DD); default: today. */
  assessedOn: isoDate().optional(),
  /** The checklists answered, at least one (unknown ids are refused by name: `unknown_checklist`). */
  checklistIds: z.array(text().max(80)).min(1).max(10),
  tailoring: z
    .strictObject({
      dropped: z.array(z.strictObject({ itemKey: ItemKey, reason: Reason.optional() })).max(300),
      added: z.array(AddedItemSchema).max(100),
    })
    .optional(),
});
export type AssessmentCreate = z.infer<typeof AssessmentCreateSchema>;

export const AssessmentUpdateSchema = patchBody({
  title: text().trim().min(1).max(200),
  assessedOn: isoDate(),
});
export type AssessmentUpdate = z.infer<typeof AssessmentUpdateSchema>;

// Answers -------------------------------------------------------------------------------------------

const ImpactEntrySchema = z.object({ level: z.enum(IMPACT_LEVELS), reason: z.string().nullable() });
const ImpactSchema = z.partialRecord(z.enum(IMPACT_ASPECTS), ImpactEntrySchema);
/** assessment_answers.impact as stored. */
export const StoredImpactSchema = ImpactSchema;

/**
 * PATCH /assessment-answers/:id (If-Match: the answer's version): only what changes. A level is
 * checked by the rules so its refusal names the item (`impact_level_invalid`); null clears.
 */
export const AnswerUpdateSchema = z.strictObject({
  currentState: multilineText().trim().max(2000).nullable().optional(),
  impact: z
    .partialRecord(
      z.enum(IMPACT_ASPECTS),
      z.strictObject({ level: text().max(20), reason: Reason.nullable().optional() }).nullable(),
    )
    .optional(),
  decision: z
    .strictObject({
      status: text().max(20),
      dueDate: text().max(20).nullable().optional(),
      reason: multilineText()
        .max(ASSESSMENT_REASON_MAX + 100)
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  damageYen: Yen.nullable().optional(),
  costYen: Yen.nullable().optional(),
});
export type AnswerUpdate = z.infer<typeof AnswerUpdateSchema>;

const AnswerSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  currentState: z.string().nullable(),
  impact: ImpactSchema,
  decision: z.enum(DECISION_STATUSES).nullable(),
  dueDate: z.string().nullable(),
  reason: z.string().nullable(),
  damageYen: z.number().int().nullable(),
  costYen: z.number().int().nullable(),
  updatedAt: z.string(),
  /** The action a "will do" became, if any. */
  actionId: z.string().nullable(),
});

export const AssessmentItemSchema = z.object({
  key: z.string(),
  checklistId: z.string(),
  itemId: z.string(),
  /** "checklist-id/category-id" */
  categoryKey: z.string(),
  level: z.enum(REQUIREMENT_LEVELS),
  measure: Text,
  detail: Text,
  threatScenario: Text.nullable(),
  threatClasses: z.array(z.enum(THREAT_CLASSES)),
  /** The concrete figures, as read ("20文字以上"). */
  parameters: z.array(z.object({ label: Text, value: Text })),
  source: z.string().nullable(),
  /** Added by the company (tailoring), with the reason. */
  addedReason: z.string().nullable(),
  urgency: z.enum(URGENCIES).nullable(),
  rank: z.number().int(),
  answer: AnswerSchema,
});
export type AssessmentItem = z.infer<typeof AssessmentItemSchema>;

const CountsSchema = z.object({
  applicable: z.number().int(),
  done: z.number().int(),
  planned: z.number().int(),
  overdue: z.number().int(),
  undecided: z.number().int(),
  notNeeded: z.number().int(),
  percent: z.number().int().nullable(),
});

const CategoryResultSchema = CountsSchema.extend({
  key: z.string(),
  title: Text,
  byLevel: z.record(z.enum(REQUIREMENT_LEVELS), CountsSchema),
});

const AssessmentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  assessedOn: z.string(),
  checklists: z.array(z.object({ id: z.string(), version: z.number().int(), title: Text })),
  itemCount: z.number().int(),
  decided: z.number().int(),
  percent: z.number().int().nullable(),
  openActions: z.number().int(),
  overdueActions: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummarySchema>;

export const AssessmentListSchema = z.object({ items: z.array(AssessmentSummarySchema) });
export type AssessmentList = z.infer<typeof AssessmentListSchema>;

export const AssessmentSchema = AssessmentSummarySchema.extend({
  categories: z.array(z.object({ key: z.string(), title: Text })),
  items: z.array(AssessmentItemSchema),
  dropped: z.array(z.object({ key: z.string(), measure: Text, reason: z.string() })),
  today: z.string(),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

// Results -------------------------------------------------------------------------------------------

export const AssessmentResultsSchema = z.object({
  categories: z.array(CategoryResultSchema),
  total: CountsSchema,
  /** The other assessment of the comparison (?with=id), category by category. */
  comparison: z
    .object({
      id: z.string(),
      title: z.string(),
      assessedOn: z.string(),
      categories: z.array(z.object({ key: z.string(), percent: z.number().int().nullable() })),
      total: z.number().int().nullable(),
    })
    .nullable(),
});
export type AssessmentResults = z.infer<typeof AssessmentResultsSchema>;
export const ResultsQuerySchema = z.strictObject({ with: Id.optional() });

// Action plan ---------------------------------------------------------------------------------------

const ActionSchema = z.object({
  id: z.string(),
  answerId: z.string(),
  itemKey: z.string(),
  measure: Text,
  level: z.enum(REQUIREMENT_LEVELS),
  urgency: z.enum(URGENCIES).nullable(),
  ownerPersonId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  /** The owner's name (person or member), null when nobody is named. */
  ownerName: z.string().nullable(),
  dueDate: z.string(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type AssessmentAction = z.infer<typeof ActionSchema>;

export const ActionPlanSchema = z.object({
  items: z.array(ActionSchema),
  /** Open actions at the end of each day, from the first action to today. */
  burndown: z.array(z.object({ date: z.string(), open: z.number().int() })),
  today: z.string(),
});
export type ActionPlan = z.infer<typeof ActionPlanSchema>;

export const ActionUpdateSchema = patchBody({
  ownerPersonId: Id.nullable(),
  ownerUserId: Id.nullable(),
  dueDate: isoDate(),
  status: z.enum(ACTION_STATUSES),
  note: multilineText().trim().max(2000).nullable(),
});
export type ActionUpdate = z.infer<typeof ActionUpdateSchema>;
export { ActionSchema as AssessmentActionSchema };

// Information assets ---------------------------------------------------------------------------------

const assetFields = {
  kind: z.enum(ASSET_KINDS),
  name: text().trim().min(1).max(200),
  secrecy: z.enum(SECRECY_LEVELS),
  mustEncrypt: z.boolean(),
  /** A system of the inventory of the same organization (issue `unknown_system`). */
  systemId: Id.nullable().optional(),
  note: multilineText().trim().max(2000).nullable().optional(),
};
export const AssetCreateSchema = z.strictObject(assetFields);
export type AssetCreate = z.infer<typeof AssetCreateSchema>;
export const AssetUpdateSchema = patchBody(assetFields);
export type AssetUpdate = z.infer<typeof AssetUpdateSchema>;

export const AssetSchema = z.object({
  id: z.string(),
  kind: z.enum(ASSET_KINDS),
  name: z.string(),
  secrecy: z.enum(SECRECY_LEVELS),
  mustEncrypt: z.boolean(),
  systemId: z.string().nullable(),
  systemName: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type Asset = z.infer<typeof AssetSchema>;
export const AssetListSchema = z.object({ items: z.array(AssetSchema) });
export type AssetList = z.infer<typeof AssetListSchema>;

// Files -----------------------------------------------------------------------------------------------

/** GET /assessments/:id/sheet.xlsx and /report.pdf: the language of the file. */
export const FileQuerySchema = z.strictObject({ lang: z.enum(LOCALES).default('ja') });

/** POST /assessments/:id/import: how many items the filled sheet changed, and assets it added or changed. */
export const ImportResultSchema = z.object({
  updated: z.number().int(),
  unchanged: z.number().int(),
  assetsAdded: z.number().int(),
  assetsUpdated: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
