import { useQuery } from '@tanstack/react-query';
import { OrgOverviewResponseSchema } from '../../../shared/orgs.js';
import { parsedApi } from '../../app/api.js';

export const ORGS_KEY = ['orgs'] as const;

/** Every organization the user belongs to, with their role and a few counts (GET /orgs). */
export function useOrgsOverview() {
  return useQuery({ queryKey: ORGS_KEY, queryFn: () => parsedApi.get(OrgOverviewResponseSchema, '/orgs') });
}
