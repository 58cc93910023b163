import { z } from 'zod';
import { DAMAGE_CATEGORIES, DAMAGE_GROUP_IDS, DAMAGE_MAX_YEN } from '../domain/damage.js';
import { multilineText, patchBody, text } from './fields.js';

/**
 * Damage estimates (PRODUCT module 7, 001 §中小企業の被害事例). Whole yen; rules in
 * src/domain/damage.ts. Presets come from content/damage/presets.yaml.
 */

const DamageCategorySchema = z.enum(DAMAGE_CATEGORIES);

const Yen = z.number().int().min(0).max(DAMAGE_MAX_YEN);

const AmountsInput = z.strictObject({
  compensation: Yen.optional(),
  litigation: Yen.optional(),
  investigation_recovery: Yen.optional(),
  customer_response: Yen.optional(),
  public_notice: Yen.optional(),
  legal_advice: Yen.optional(),
  lost_profit: Yen.optional(),
});

const fields = {
  name: text().trim().min(1).max(200),
  scenario: multilineText().trim().max(2000).nullable().optional(),
  annualSalesYen: Yen.nullable().optional(),
  amounts: AmountsInput,
  /** A content preset this estimate started from. */
  presetId: text().max(80).nullable().optional(),
  /** Attach to an operation or a system of the same organization (issue 'unknown_operation' / 'unknown_system'). */
  operationId: text().max(64).nullable().optional(),
  systemId: text().max(64).nullable().optional(),
};
export const DamageEstimateCreateSchema = z.strictObject(fields);
export type DamageEstimateCreate = z.infer<typeof DamageEstimateCreateSchema>;
export const DamageEstimateUpdateSchema = patchBody(fields);
export type DamageEstimateUpdate = z.infer<typeof DamageEstimateUpdateSchema>;

const Amounts = z.record(DamageCategorySchema, z.number().int());
/** damage_estimates.amounts as stored: the categories entered, whole yen. */
export const StoredDamageAmountsSchema = z.partialRecord(DamageCategorySchema, z.number().int());
export const DamageEstimateSchema = z.object({
  id: z.string(),
  name: z.string(),
  scenario: z.string().nullable(),
  /** The estimate's own sales (written for other figures, e.g. a case); null = the company's. */
  annualSalesYen: z.number().int().nullable(),
  /** The sales the share is computed against: the estimate's own, else the company's (settings). */
  salesUsedYen: z.number().int().nullable(),
  salesFrom: z.enum(['estimate', 'organization']).nullable(),
  /** Every category, 0 where nothing was entered. */
  amounts: Amounts,
  presetId: z.string().nullable(),
  operationId: z.string().nullable(),
  systemId: z.string().nullable(),
  /** Computed: sums per group, total, and share of annual sales (null without sales). */
  groups: z.object({ liability: z.number().int(), cost: z.number().int(), profit: z.number().int() }),
  totalYen: z.number().int(),
  shareOfSalesBasisPoints: z.number().int().nullable(),
  shareOfSalesPercent: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type DamageEstimate = z.infer<typeof DamageEstimateSchema>;

export const DamageListQuerySchema = z.strictObject({
  operationId: text().max(64).optional(),
  systemId: text().max(64).optional(),
  cursor: text().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type DamageListQuery = z.infer<typeof DamageListQuerySchema>;
export const DamageEstimateListSchema = z.object({
  items: z.array(DamageEstimateSchema),
  nextCursor: z.string().nullable(),
});
export type DamageEstimateList = z.infer<typeof DamageEstimateListSchema>;

const Text = z.object({ ja: z.string(), en: z.string() });
/** GET /damage/presets: the categories (labels, help) and the seed cases with their computed figures. */
export const DamagePresetsSchema = z.object({
  categories: z.array(
    z.object({
      id: DamageCategorySchema,
      group: z.enum(DAMAGE_GROUP_IDS),
      label: Text,
      help: Text,
    }),
  ),
  presets: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      title: Text,
      scenario: Text,
      employees: z.number().int(),
      annualSalesYen: z.number().int(),
      amounts: Amounts,
      totalYen: z.number().int(),
      shareOfSalesPercent: z.number().int().nullable(),
    }),
  ),
});
export type DamagePresets = z.infer<typeof DamagePresetsSchema>;
