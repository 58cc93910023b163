import { useQuery } from '@tanstack/react-query';
import { SafetyOverviewSchema } from '../../../shared/safety.js';
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
