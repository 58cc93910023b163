import { z } from 'zod';
import { text } from './fields.js';

/** Query of GET /api/v1/audit: filters and cursor pagination, newest first. */
export const AuditListQuerySchema = z.strictObject({
  /** Action prefix: 'person.' matches 'person.create', 'person.update' … */
  action: text().trim().min(1).max(100).optional(),
  entityType: text().trim().min(1).max(100).optional(),
  actorUserId: z.uuid().optional(),
  /** Inclusive lower bound (ISO-8601 date-time). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive upper bound (ISO-8601 date-time). */
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: text().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

const AuditActorSchema = z.object({
  id: z.string(),
  displayName: z.string(),
});

const AuditEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  /** null for system entries or when the user no longer exists. */
  actor: AuditActorSchema.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** { before?, after?, details? } with secrets already redacted. */
  summary: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListResponseSchema = z.object({
  items: z.array(AuditEntrySchema),
  nextCursor: z.string().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponseSchema>;

const AuditBreakReasonSchema = z.enum([
  'hash_mismatch',
  'prev_hash_mismatch',
  'missing_entry',
  'head_mismatch',
]);

export const AuditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  /** Entries checked in this organization's chain. */
  checked: z.number().int(),
  firstBreak: z
    .object({
      seq: z.number().int(),
      entryId: z.string().nullable(),
      reason: AuditBreakReasonSchema,
    })
    .optional(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponseSchema>;

/**
 * Where the audit page finds an action's title: audit.actions.<key>.
 * @example auditActionTitleKey('bia.settings_update') // 'bia_settings_update'
 */
export const auditActionTitleKey = (action: string): string => action.replace('.', '_');
