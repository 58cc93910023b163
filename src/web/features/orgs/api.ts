import { useQuery } from '@tanstack/react-query';
import type { OrgOverviewResponse } from '../../../shared/orgs.js';
import { api } from '../../app/api.js';

export const ORGS_KEY = ['orgs'] as const;

/** Every organization the user belongs to, with their role and a few counts (GET /orgs). */
export function useOrgsOverview() {
  return useQuery({ queryKey: ORGS_KEY, queryFn: () => api.get<OrgOverviewResponse>('/orgs') });
}
