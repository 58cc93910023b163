import { z } from 'zod';
import { QUAKE_CONFIRMATIONS, QUAKE_MAX_HOLD_MINUTES, QUAKE_SEND_MODES } from '../domain/quake-trigger.js';
import { SEISMIC_INTENSITIES } from '../domain/seismic-intensity.js';
import { text } from './fields.js';
import { PrefectureCodeSchema } from './prefectures.js';

/**
 * The earthquake trigger's API (PRODUCT module 11): an organization's settings, the push endpoint's
 * token, and the earthquakes it acted on with the HQ's confirmation to send safety requests.
 */

const IntensitySchema = z.enum(SEISMIC_INTENSITIES);

export const QuakeSettingsSchema = z.object({
  enabled: z.boolean(),
  threshold: IntensitySchema,
  holdMinutes: z.number().int(),
  sendMode: z.enum(QUAKE_SEND_MODES),
  feedUrl: z.string().nullable(),
  /** Whether a push token exists (the token itself is shown once, when made). */
  hasPushToken: z.boolean(),
  /** The push endpoint's full address, from the server's public address (BASE_URL); null when unset. */
  pushUrl: z.string().nullable(),
  version: z.number().int(),
});
export type QuakeSettings = z.infer<typeof QuakeSettingsSchema>;

export const QuakeSettingsUpdateSchema = z.strictObject({
  enabled: z.boolean(),
  threshold: IntensitySchema,
  holdMinutes: z.number().int().min(0).max(QUAKE_MAX_HOLD_MINUTES),
  sendMode: z.enum(QUAKE_SEND_MODES),
  /** An Atom feed of the agency's reports (or a relay of it); null: no polling. */
  feedUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
});
export type QuakeSettingsUpdate = z.infer<typeof QuakeSettingsUpdateSchema>;

export const QuakeTokenSchema = z.object({ token: z.string() });

const MatchedSchema = z.object({ prefecture: PrefectureCodeSchema, maxIntensity: IntensitySchema });

export const QuakeEventSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  headline: z.string(),
  phase: z.enum(['pending', 'sent', 'cancelled']),
  sendAt: z.string().nullable(),
  incidentId: z.string().nullable(),
  confirmation: z.enum(QUAKE_CONFIRMATIONS).nullable(),
  prefectures: z.array(MatchedSchema),
  updatedAt: z.string(),
});
export type QuakeEvent = z.infer<typeof QuakeEventSchema>;
export const QuakeEventListSchema = z.object({ items: z.array(QuakeEventSchema) });
export const QuakeEventQuerySchema = z.strictObject({ incidentId: text().max(64).optional() });

/** The push endpoint's answer: what the rule did with the document. */
export const QuakePushResultSchema = z.object({ action: z.string() });
