import { useMutation, useQuery } from '@tanstack/react-query';
import { MySafetyRequestsSchema, SafetyOverviewSchema } from '../../../shared/safety.js';
import { api, parsedApi } from '../../app/api.js';

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
export function useMySafetyRequests({ pollMs }: { pollMs?: number } = {}) {
  return useQuery({
    queryKey: ['incidents', 'safety-mine'],
    queryFn: () => parsedApi.get(MySafetyRequestsSchema, '/safety/mine'),
    ...(pollMs ? { refetchInterval: pollMs } : {}),
  });
}

/**
 * Opens the signed-in member's own answer page for one of their requests: the server makes a fresh
 * personal link, and the browser goes there (the same tiny page the mailed link opens).
 */
export function useOpenOwnAnswer() {
  return useMutation({
    mutationFn: (recipientId: string) =>
      api.post<{ path: string }>(`/safety/mine/${encodeURIComponent(recipientId)}/link`, {}),
    onSuccess: (r) => window.location.assign(r.path),
  });
}
