import { z } from 'zod';

/** keizoku's own backups, as the owner sees them (GET /api/v1/backups). */

export const BackupRunSchema = z.object({
  id: z.string(),
  trigger: z.enum(['schedule', 'cli', 'manual']),
  status: z.enum(['running', 'ok', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  fileName: z.string().nullable(),
  bytes: z.number().nullable(),
  encrypted: z.boolean(),
  copyStatus: z.enum(['ok', 'failed', 'not_configured']),
  verifyStatus: z.enum(['ok', 'failed', 'skipped']),
  verifiedAt: z.string().nullable(),
  verifyDetail: z.string().nullable(),
  /** Why the run failed, or why its copy to the second place failed. */
  error: z.string().nullable(),
});
export type BackupRun = z.infer<typeof BackupRunSchema>;

const BACKUP_WARNING_CODES = [
  'no_backup_yet',
  'schedule_off',
  'backup_overdue',
  'latest_failed',
  'verify_failed',
  'never_verified',
  'copy_not_configured',
  'copy_overdue',
] as const;

const BackupWarningSchema = z.object({
  code: z.enum(BACKUP_WARNING_CODES),
  severity: z.enum(['danger', 'warning']),
  days: z.number().int().optional(),
});

export const BackupStatusSchema = z.object({
  schedule: z.object({
    /** Local time 'HH:MM', null when scheduled backups are off. */
    at: z.string().nullable(),
    timeZone: z.string(),
    nextRunAt: z.string().nullable(),
  }),
  directory: z.string(),
  copyDirectory: z.string().nullable(),
  encrypted: z.boolean(),
  lastBackup: BackupRunSchema.nullable(),
  lastVerified: BackupRunSchema.nullable(),
  lastCopy: BackupRunSchema.nullable(),
  warnings: z.array(BackupWarningSchema),
  runs: z.array(BackupRunSchema),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;
