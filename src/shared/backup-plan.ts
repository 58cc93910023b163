import { z } from 'zod';
import {
  BACKUP_CONNECTIONS,
  BACKUP_FINDING_CODES,
  BACKUP_LOCATIONS,
  BACKUP_MAX_COPIES,
  BACKUP_MEDIA,
  BACKUP_METHODS,
  checkDuration,
  RESTORE_RESULTS,
  RULE_321_PARTS,
} from '../domain/backup-plan.js';
import { PRIORITIES } from '../domain/bia.js';
import { isoDate, multilineText, text } from './fields.js';

/**
 * Backup plans (PRODUCT.md module 5): per system of the inventory or per named data set. Rules in
 * src/domain/backup-plan.ts, shared by the server and the web page's live verdict.
 */

/** Minutes of a frequency or RPO: whole, not negative, at most a year (issue duration_*). */
const minutes = (zeroAllowed: boolean) =>
  z.number().superRefine((value, ctx) => {
    const problem = checkDuration(value, [], { zeroAllowed });
    if (problem) ctx.addIssue({ code: 'custom', message: problem.code });
  });

const BackupFrequencySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('continuous') }),
  z.strictObject({ kind: z.literal('every'), minutes: minutes(false) }),
]);

const Provider = text().trim().max(200).nullable();

const ProductionCopySchema = z.strictObject({
  medium: z.enum(BACKUP_MEDIA),
  location: z.enum(BACKUP_LOCATIONS),
  provider: Provider,
});

/** A backup copy as sent: a copy whose medium is not chosen is refused (issue medium_missing). */
const BackupCopyInputSchema = z.strictObject({
  medium: z.enum(BACKUP_MEDIA).nullable(),
  location: z.enum(BACKUP_LOCATIONS),
  connection: z.enum(BACKUP_CONNECTIONS),
  reachableFromProduction: z.boolean(),
  sameCredentials: z.boolean(),
  sameMaintenance: z.boolean(),
  provider: Provider,
  encrypted: z.boolean(),
});

/** As answered and stored: plain strings (input rules apply to what is sent, not to what is read). */
const StoredProduction = ProductionCopySchema.extend({ provider: z.string().nullable() });
const BackupCopySchema = BackupCopyInputSchema.extend({
  medium: z.enum(BACKUP_MEDIA),
  provider: z.string().nullable(),
});

const fields = {
  /** The inventory's system (issue unknown_system when not this organization's)… */
  systemId: text().max(64).nullable(),
  /** …or a data set that is not in the inventory (e.g. 会員データ). Exactly one of the two. */
  dataSetName: text().trim().max(200).nullable(),
  method: z.enum(BACKUP_METHODS),
  frequency: BackupFrequencySchema.nullable(),
  rpoMinutes: minutes(true).nullable(),
  production: ProductionCopySchema,
  copies: z.array(BackupCopyInputSchema).max(BACKUP_MAX_COPIES),
  restoreTestedOn: isoDate().nullable(),
  restoreResult: z.enum(RESTORE_RESULTS),
  restoreNote: multilineText().trim().max(2000).nullable(),
  note: multilineText().trim().max(2000).nullable(),
};
export const BackupPlanInputSchema = z.strictObject(fields);
export type BackupPlanInput = z.infer<typeof BackupPlanInputSchema>;

const BackupFindingSchema = z.object({
  code: z.enum(BACKUP_FINDING_CODES),
  severity: z.enum(['fail', 'info']),
  copy: z.number().int().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const DataLossSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknown') }),
  z.object({ kind: z.literal('continuous') }),
  z.object({ kind: z.literal('window'), minutes: z.number().int() }),
]);

const BackupVerdictSchema = z.object({
  passes: z.boolean(),
  passes321: z.boolean(),
  rules: z.record(z.enum(RULE_321_PARTS), z.boolean()),
  copyCount: z.number().int(),
  mediaCount: z.number().int(),
  findings: z.array(BackupFindingSchema),
  dataLoss: DataLossSchema,
});

export const BackupPlanSchema = z.object({
  id: z.string(),
  systemId: z.string().nullable(),
  dataSetName: z.string().nullable(),
  /** The system's name, or the data set's. */
  name: z.string(),
  /** The system's BIA priority (null for a data set or a system no rated operation needs). */
  priority: z.enum(PRIORITIES).nullable(),
  method: z.enum(BACKUP_METHODS),
  frequency: BackupFrequencySchema.nullable(),
  rpoMinutes: z.number().int().nullable(),
  production: StoredProduction,
  copies: z.array(BackupCopySchema),
  restoreTestedOn: z.string().nullable(),
  restoreResult: z.enum(RESTORE_RESULTS),
  restoreNote: z.string().nullable(),
  note: z.string().nullable(),
  verdict: BackupVerdictSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type BackupPlan = z.infer<typeof BackupPlanSchema>;

/** backup_plans.copies as stored. */
export const StoredCopiesSchema = z.array(BackupCopySchema);
/** backup_plans.production as stored. */
export const StoredProductionSchema = StoredProduction;
/** backup_plans.frequency as stored. */
export const StoredFrequencySchema = BackupFrequencySchema;

/** GET /backup-plans: every plan, the systems without one, and the organization's summary. */
export const BackupPlanOverviewSchema = z.object({
  /** The organization's today (YYYY-MM-DD): restore tests are judged against it, in the web too. */
  today: z.string(),
  plans: z.array(BackupPlanSchema),
  /** Active systems of the inventory, with their priority and their plan's id (null: no plan). */
  systems: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      priority: z.enum(PRIORITIES).nullable(),
      vendor: z.string().nullable(),
      planId: z.string().nullable(),
    }),
  ),
  summary: z.object({
    total: z.number().int(),
    planned: z.number().int(),
    passing: z.number().int(),
    byPriority: z.array(
      z.object({
        priority: z.string(),
        total: z.number().int(),
        planned: z.number().int(),
        passing: z.number().int(),
      }),
    ),
    unplanned: z.array(z.object({ id: z.string(), name: z.string(), priority: z.string().nullable() })),
    topProblems: z.array(z.object({ code: z.enum(BACKUP_FINDING_CODES), count: z.number().int() })),
  }),
});
export type BackupPlanOverview = z.infer<typeof BackupPlanOverviewSchema>;
