/**
 * What happens when an earthquake incident should send safety confirmation requests: when the
 * trigger fires with auto-send, or when the HQ confirms. The safety module registers its sender
 * here (registerQuakeIncidentHook); until one is registered, nothing is sent and the HQ sees the
 * incident only. A hook runs after the incident is committed; one that throws is logged and the
 * others still run.
 */
import type { SeismicIntensity } from '../../../domain/seismic-intensity.js';
import type { Db } from '../../db/database.js';

export interface QuakeIncident {
  db: Db;
  orgId: string;
  incidentId: string;
  /** The agency's EventID of the earthquake. */
  eventId: string;
  /** The organization's prefectures that reached the threshold (only the new ones on an extension). */
  prefectures: { prefecture: string; maxIntensity: SeismicIntensity }[];
  /** True when a later report added prefectures to a request already sent. */
  extension: boolean;
  /** 'auto' (the setting) or 'confirmed' (an HQ member confirmed, userId). */
  via: { kind: 'auto' } | { kind: 'confirmed'; userId: string };
}

type QuakeIncidentHook = (incident: QuakeIncident) => Promise<void>;

const HOOKS: QuakeIncidentHook[] = [];

/** Adds a function called for each earthquake incident that should send safety requests. */
export function registerQuakeIncidentHook(hook: QuakeIncidentHook): () => void {
  HOOKS.push(hook);
  return () => {
    const i = HOOKS.indexOf(hook);
    if (i >= 0) HOOKS.splice(i, 1);
  };
}

/** Calls every registered hook; a no-op when none is registered. */
export async function onQuakeIncident(
  incident: QuakeIncident,
  log?: { error(obj: object, msg: string): void },
): Promise<void> {
  for (const hook of [...HOOKS]) {
    try {
      await hook(incident);
    } catch (err) {
      log?.error({ err, incidentId: incident.incidentId }, 'quake: a safety request hook failed');
    }
  }
}
