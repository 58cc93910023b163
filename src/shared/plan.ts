import { z } from 'zod';
import { LOCALES } from '../domain/organization.js';
import { PLAN_NOTE_TONES, PLAN_SECTION_IDS } from '../domain/plan-document.js';
import { multilineText, text } from './fields.js';

/**
 * The IT-BCP document (PRODUCT.md module 8). GET /plan/document renders the whole plan in one
 * format; GET/PUT /plan/policy is the organization's own policy, scope and approver (the first
 * section). Blocks are plain text (src/domain/plan-document.ts).
 */

const PLAN_FORMATS = ['html', 'pdf', 'docx', 'offline', 'xlsx', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export const PlanDocumentQuerySchema = z.strictObject({
  format: z.enum(PLAN_FORMATS).default('html'),
  lang: z.enum(LOCALES).default('ja'),
});

export const PlanBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('subheading'), text: z.string() }),
  z.object({ kind: z.literal('list'), ordered: z.boolean(), items: z.array(z.string()) }),
  z.object({
    kind: z.literal('table'),
    caption: z.string(),
    columns: z.array(z.string()),
    rows: z.array(z.array(z.string())),
  }),
  z.object({ kind: z.literal('note'), tone: z.enum(PLAN_NOTE_TONES), text: z.string() }),
]);

/** The document as data (format=json): what an issued edition will store. */
export const PlanDocumentSchema = z.object({
  locale: z.enum(LOCALES),
  organizationName: z.string(),
  title: z.string(),
  generatedAt: z.string(),
  edition: z
    .object({ number: z.number().int(), issuedAt: z.string(), issuedOn: z.string(), approver: z.string() })
    .nullable(),
  sections: z.array(
    z.object({ id: z.enum(PLAN_SECTION_IDS), title: z.string(), blocks: z.array(PlanBlockSchema) }),
  ),
});
export type PlanDocumentJson = z.infer<typeof PlanDocumentSchema>;

const PLAN_POLICY_LIMITS = { policy: 4000, scope: 4000, approver: 100 } as const;

export const PlanPolicySchema = z.object({
  policy: z.string(),
  scope: z.string(),
  approver: z.string(),
  /** true while the organization has not saved its own text (the default text is shown). */
  isDefault: z.boolean(),
  /** 0 until the first save; send as If-Match. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type PlanPolicy = z.infer<typeof PlanPolicySchema>;

/** PUT /plan/policy (If-Match): the three texts, each required. */
export const PlanPolicyUpdateSchema = z.strictObject({
  policy: multilineText().trim().min(1).max(PLAN_POLICY_LIMITS.policy),
  scope: multilineText().trim().min(1).max(PLAN_POLICY_LIMITS.scope),
  approver: text().trim().min(1).max(PLAN_POLICY_LIMITS.approver),
});
export type PlanPolicyUpdate = z.infer<typeof PlanPolicyUpdateSchema>;

/** GET/PUT /plan/policy: the language of the default text shown before the first save. */
export const PlanPolicyQuerySchema = z.strictObject({ lang: z.enum(LOCALES).default('ja') });

/**
 * Editions (issue 10): POST /plan/editions issues the plan as it is now as an immutable numbered
 * edition; the approver defaults to the policy's. Editions are never changed or deleted.
 */
export const PlanEditionCreateSchema = z.strictObject({
  approver: text().trim().min(1).max(PLAN_POLICY_LIMITS.approver).optional(),
  note: multilineText().trim().max(1000).optional(),
});
export type PlanEditionCreate = z.infer<typeof PlanEditionCreateSchema>;

export const PlanEditionSchema = z.object({
  number: z.number().int(),
  issuedAt: z.string(),
  /** The day of issue in the organization's calendar. */
  issuedOn: z.string(),
  approver: z.string(),
  issuedByName: z.string().nullable(),
  note: z.string().nullable(),
  /** SHA-256 of the issued content (the home page compares it with the plan as it is now). */
  contentHash: z.string(),
});
export type PlanEdition = z.infer<typeof PlanEditionSchema>;

export const PlanEditionListQuerySchema = z.strictObject({
  cursor: text().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export const PlanEditionListSchema = z.object({
  items: z.array(PlanEditionSchema),
  nextCursor: z.string().nullable(),
});
export type PlanEditionList = z.infer<typeof PlanEditionListSchema>;

const EditionNumber = z.coerce.number().int().min(1).max(1_000_000);
export const PlanEditionParamsSchema = z.strictObject({ number: EditionNumber });

/** GET /plan/editions/compare?from=1&to=2&lang=ja: what changed from one edition to another. */
export const PlanEditionCompareQuerySchema = z.strictObject({
  from: EditionNumber,
  to: EditionNumber,
  lang: z.enum(LOCALES).default('ja'),
});

const PlanChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['section_added', 'section_removed']) }),
  z.object({ kind: z.enum(['text_added', 'text_removed']), text: z.string() }),
  z.object({ kind: z.enum(['table_added', 'table_removed']), table: z.string(), rows: z.number().int() }),
  z.object({ kind: z.enum(['row_added', 'row_removed']), table: z.string(), row: z.string() }),
  z.object({
    kind: z.literal('row_changed'),
    table: z.string(),
    row: z.string(),
    cells: z.array(z.object({ column: z.string(), before: z.string(), after: z.string() })),
  }),
  z.object({ kind: z.literal('columns_changed'), table: z.string(), before: z.string(), after: z.string() }),
]);
export type PlanChangeJson = z.infer<typeof PlanChangeSchema>;

export const PlanEditionCompareSchema = z.object({
  from: PlanEditionSchema,
  to: PlanEditionSchema,
  sections: z.array(
    z.object({ id: z.enum(PLAN_SECTION_IDS), title: z.string(), changes: z.array(PlanChangeSchema) }),
  ),
  isUnchanged: z.boolean(),
});
export type PlanEditionCompare = z.infer<typeof PlanEditionCompareSchema>;
