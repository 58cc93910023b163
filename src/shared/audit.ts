import { z } from 'zod';
import { text } from './fields.js';

/**
 * The modules the audit page filters by, each with the action prefixes it writes
 * ('inventory' matches 'operation.update', 'edge.create' …).
 */
export const AUDIT_MODULES = {
  people: ['person.', 'people.'],
  structure: ['site.', 'department.'],
  organization: ['organization.', 'member.', 'invitation.'],
  accounts: ['user.', 'auth.'],
  inventory: ['operation.', 'system.', 'component.', 'supplier.', 'edge.'],
  bia: ['bia.'],
  damage: ['damage.'],
  diagnosis: ['diagnosis.', 'task.', 'checklist.'],
  backups: ['backup.'],
  backupPlan: ['backup_plan.'],
  recovery: ['recovery.'],
  incidents: ['incident.', 'quake.'],
  safety: ['safety.'],
  assessment: ['assessment.'],
  demo: ['demo.'],
} as const satisfies Record<string, readonly string[]>;
export type AuditModule = keyof typeof AUDIT_MODULES;
export const AUDIT_MODULE_IDS = Object.keys(AUDIT_MODULES) as [AuditModule, ...AuditModule[]];

/** Every kind of record an audit entry may be about (each has a label on the audit page). */
export const AUDIT_ENTITY_TYPES = [
  'person',
  'import_job',
  'site',
  'department',
  'organization',
  'invitation',
  'user',
  'operation',
  'system',
  'component',
  'supplier',
  'dependency_edge',
  'bia_settings',
  'bia_signoff',
  'damage_estimate',
  'diagnosis_result',
  'diagnosis_task',
  'management_checklist',
  'backup',
  'backup_plan',
  'plan_policy',
  'plan_edition',
  'recovery_procedure',
  'recovery_incident',
  'recovery_contact',
  'incident',
  'incident_roster',
  'chronology_entry',
  'incident_task',
  'incident_decision',
  'incident_system',
  'quake_settings',
  'quake_event',
  'safety_request',
  'safety_answer',
  'assessment',
  'assessment_answer',
  'assessment_action',
  'assessment_asset',
] as const;

/**
 * Bookkeeping an owner never needs to read: ids, versions, timestamps of the row itself (the
 * entry's own time and title already say when it was made and archived).
 */
export const AUDIT_HIDDEN_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'archivedAt',
  'measureId',
]);

/** Fields whose value is the id of another record: the server names them in `names`. */
export const AUDIT_REFERENCE_FIELDS: ReadonlySet<string> = new Set([
  'ownerPersonId',
  'siteId',
  'departmentId',
  'fromId',
  'toId',
]);

/** Query of GET /api/v1/audit: filters and cursor pagination, newest first. */
export const AuditListQuerySchema = z.strictObject({
  /** Action prefix: 'person.' matches 'person.create', 'person.update' … */
  action: text().trim().min(1).max(100).optional(),
  /** One module's actions (see AUDIT_MODULES). */
  module: z.enum(AUDIT_MODULE_IDS).optional(),
  /** Free text, found in what the entries recorded and in the name of who acted. */
  q: text().trim().min(1).max(100).optional(),
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
  /** The record's name: its current one, else the one the log recorded; null when none is known. */
  entityName: z.string().nullable(),
  /**
   * What changed, field by field (unchanged and internal fields left out). `before` is absent
   * for a record created, `after` for one removed.
   */
  changes: z.array(
    z.object({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }),
  ),
  /** Other facts of the entry (counts, reasons, file names), internal fields left out. */
  details: z.array(z.object({ field: z.string(), value: z.unknown() })),
  /** The names of the records that `changes` and `details` refer to by id. */
  names: z.record(z.string(), z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditChange = AuditEntry['changes'][number];

export const AuditListResponseSchema = z.object({
  items: z.array(AuditEntrySchema),
  nextCursor: z.string().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponseSchema>;

/** Who has acted in the organization's audit trail (the "who" filter). */
export const AuditActorsResponseSchema = z.object({ items: z.array(AuditActorSchema) });
export type AuditActorsResponse = z.infer<typeof AuditActorsResponseSchema>;

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
