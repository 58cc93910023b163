import { useQuery } from '@tanstack/react-query';
import { OrgOverviewResponseSchema, OrgSchema } from '../../../shared/orgs.js';
import { parsedApi } from '../../app/api.js';

export const ORGS_KEY = ['orgs'] as const;
export const ORG_KEY = ['org'] as const;

/** The current organization's settings (GET /org): name, time zone, annual sales. */
export function useOrg() {
  return useQuery({ queryKey: ORG_KEY, queryFn: () => parsedApi.get(OrgSchema, '/org') });
}

/** Every organization the user belongs to, with their role and a few counts (GET /orgs). */
export function useOrgsOverview() {
  return useQuery({ queryKey: ORGS_KEY, queryFn: () => parsedApi.get(OrgOverviewResponseSchema, '/orgs') });
}
