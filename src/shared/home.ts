import { z } from 'zod';
import { RtoSchema } from '../domain/bia-schemas.js';

/** What a home-page finding is about; the web app words each code (home.findings.<code>). */
export const HOME_FINDING_CODES = [
  'account_locked',
  'rto_inversion',
  'bia_changed',
  'task_overdue',
  'support_ended',
  'support_ending',
  'backup_problem',
  'recovery_misses_target',
  'recovery_no_procedure',
  'backup_plan_missing',
  'backup_321_failed',
  'backup_not_offline',
  'backup_restore_untested',
  'plan_changed_since_edition',
  'backup_misses_rpo',
  'incident_active',
  'drill_active',
  'incident_rto_warning',
  'incident_rto_breached',
  'quake_confirmation_pending',
  'safety_overdue',
  'assessment_action_overdue',
] as const;
/** Most urgent first: the home page lists findings in this order. */
export const HOME_FINDING_SEVERITIES = ['critical', 'warning', 'info'] as const;

/**
 * The values a sentence names: a name, an ISO-8601 time or date, a count, a priority, or an RTO
 * (worded by the web app); null when a value is unknown (an inversion with no operation behind it).
 */
const HomeParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null(), RtoSchema]));
export type HomeParams = z.infer<typeof HomeParamsSchema>;

/** One thing the home page tells the reader, with where to fix it. */
const HomeFindingSchema = z.object({
  code: z.enum(HOME_FINDING_CODES),
  severity: z.enum(HOME_FINDING_SEVERITIES),
  params: HomeParamsSchema,
  /** The page of the web app where the reader acts on it, or null. */
  link: z.string().nullable(),
});
export type HomeFinding = z.infer<typeof HomeFindingSchema>;

/** Answer of GET /api/v1/home/findings: the findings the caller may see, most urgent first. */
export const HomeFindingsResponseSchema = z.object({ items: z.array(HomeFindingSchema) });
export type HomeFindingsResponse = z.infer<typeof HomeFindingsResponseSchema>;

/**
 * The owner's guided path, in order: the IT-dependency check, the inventory, the BIA, its sign-off.
 * Later modules (backup plan, security assessment, incident HQ, yearly review) add their keys here
 * and their steps through the same contributors as findings (src/server/modules/home/service.ts).
 */
const HOME_STEP_KEYS = [
  'diagnosis',
  'inventory',
  'bia',
  'signoff',
  'backup_plan',
  'recovery',
  'plan',
  'assessment',
  'drill',
] as const;

const HOME_STEP_STATES = ['not_started', 'in_progress', 'done'] as const;

/** One step of the path with its real state; the web app words it (home.steps.<key>.<state>). */
const HomeStepSchema = z.object({
  key: z.enum(HOME_STEP_KEYS),
  state: z.enum(HOME_STEP_STATES),
  /** Counts and dates its sentence names (e.g. { assessed: 3, total: 5 }, { date: ISO time }). */
  params: HomeParamsSchema,
  /** Where the step is done. */
  link: z.string(),
});
export type HomeStep = z.infer<typeof HomeStepSchema>;

/**
 * Answer of GET /api/v1/home/steps: the path's steps the caller may work on, in order, and the key
 * of the first one not done (null when every step is done: then the first finding is the next thing).
 */
export const HomeStepsResponseSchema = z.object({
  items: z.array(HomeStepSchema),
  next: z.enum(HOME_STEP_KEYS).nullable(),
});
export type HomeStepsResponse = z.infer<typeof HomeStepsResponseSchema>;
