import { useQuery } from '@tanstack/react-query';
import { MySafetyRequestsSchema, SafetyOverviewSchema } from '../../../shared/safety.js';
import { parsedApi } from '../../app/api.js';

/**
 * The safety confirmation of an incident. Its key sits under ['incidents', id], so the HQ page's
 * live events (which refresh every ['incidents', …] query) refresh it on each answer.
 */
export const safetyKey = (incidentId: string) => ['incidents', incidentId, 'safety'] as const;

export function useSafetyOverview(incidentId: string) {
  return useQuery({
    queryKey: safetyKey(incidentId),
    queryFn: () => parsedApi.get(SafetyOverviewSchema, `/incidents/${encodeURIComponent(incidentId)}/safety`),
  });
}

/** The open requests addressed to the signed-in member (in-app channel). */
export function useMySafetyRequests() {
  return useQuery({
    queryKey: ['incidents', 'safety-mine'],
    queryFn: () => parsedApi.get(MySafetyRequestsSchema, '/safety/mine'),
  });
}
