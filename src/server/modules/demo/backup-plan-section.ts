import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  BACKUP_CONNECTIONS,
  BACKUP_LOCATIONS,
  BACKUP_MEDIA,
  BACKUP_METHODS,
  RESTORE_RESULTS,
} from '../../../domain/backup-plan.js';
import { BackupPlanInputSchema } from '../../../shared/backup-plan.js';
import { loadContentFile } from '../../content/load.js';
import { LocalizedTextSchema, SourceSchema } from '../../content/text.js';
import * as backupPlan from '../backup-plan/service.js';
import type { DemoContext } from './service.js';

/** content/demo/demo-backup-plan.yaml: the gym chain's backup plans, by system key of demo-bia.yaml. */
const Key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/)
  .max(60);
const Hours = z.number().int().min(1).max(8760);

const DemoCopySchema = z.strictObject({
  medium: z.enum(BACKUP_MEDIA),
  location: z.enum(BACKUP_LOCATIONS),
  connection: z.enum(BACKUP_CONNECTIONS),
  reachable_from_production: z.boolean(),
  same_credentials: z.boolean(),
  same_maintenance: z.boolean(),
  provider: LocalizedTextSchema.optional(),
  encrypted: z.boolean(),
});

const DemoBackupPlanSchema = z.strictObject({
  /** A system key of demo-bia.yaml, or a data set's name. */
  system: Key.optional(),
  data_set: LocalizedTextSchema.optional(),
  method: z.enum(BACKUP_METHODS),
  frequency: z.union([z.strictObject({ every_hours: Hours }), z.literal('continuous')]).optional(),
  rpo_hours: Hours.optional(),
  production: z.strictObject({
    medium: z.enum(BACKUP_MEDIA),
    location: z.enum(BACKUP_LOCATIONS),
    provider: LocalizedTextSchema.optional(),
  }),
  copies: z.array(DemoCopySchema).max(10),
  restore: z.strictObject({
    result: z.enum(RESTORE_RESULTS),
    /** How many days before the demo is loaded the last restore test was done. */
    days_ago: z.number().int().min(0).max(3650).optional(),
    note: LocalizedTextSchema.optional(),
  }),
  note: LocalizedTextSchema.optional(),
});

const DemoBackupPlanContentSchema = z.strictObject({
  source: SourceSchema,
  plans: z.array(DemoBackupPlanSchema).max(50),
});
type DemoBackupPlanContent = z.infer<typeof DemoBackupPlanContentSchema>;

const here = path.dirname(fileURLToPath(import.meta.url));
const FILE = path.resolve(here, '../../../../content/demo/demo-backup-plan.yaml');

let cached: DemoBackupPlanContent | null = null;
function content(): DemoBackupPlanContent {
  cached ??= loadContentFile(FILE, DemoBackupPlanContentSchema);
  return cached;
}

/** YYYY-MM-DD `days` before the ISO time `now`. */
function daysBefore(now: string, days: number): string {
  const d = new Date(now);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The backup plans, written through the backup-plan module's service in the demo's transaction. */
export async function loadBackupPlans(c: DemoContext): Promise<void> {
  for (const p of content().plans) {
    const system = p.system ? c.ids.nodes.get(p.system) : undefined;
    if (p.system && system?.kind !== 'system')
      throw new Error(`demo backup plan: unknown system ${p.system}`);
    const input = BackupPlanInputSchema.parse({
      systemId: system?.id ?? null,
      dataSetName: p.data_set?.[c.locale] ?? null,
      method: p.method,
      frequency:
        p.frequency === undefined
          ? null
          : p.frequency === 'continuous'
            ? { kind: 'continuous' }
            : { kind: 'every', minutes: p.frequency.every_hours * 60 },
      rpoMinutes: p.rpo_hours === undefined ? null : p.rpo_hours * 60,
      production: { ...p.production, provider: p.production.provider?.[c.locale] ?? null },
      copies: p.copies.map((x) => ({
        medium: x.medium,
        location: x.location,
        connection: x.connection,
        reachableFromProduction: x.reachable_from_production,
        sameCredentials: x.same_credentials,
        sameMaintenance: x.same_maintenance,
        provider: x.provider?.[c.locale] ?? null,
        encrypted: x.encrypted,
      })),
      restoreTestedOn: p.restore.days_ago === undefined ? null : daysBefore(c.now, p.restore.days_ago),
      restoreResult: p.restore.result,
      restoreNote: p.restore.note?.[c.locale] ?? null,
      note: p.note?.[c.locale] ?? null,
    });
    await backupPlan.addPlan(c.tx, c.actor, input);
  }
}
