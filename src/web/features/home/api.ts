import { useQuery } from '@tanstack/react-query';
import type { HomeFindingsResponse, HomeStepsResponse } from '../../../shared/home.js';
import { api } from '../../app/api.js';
import { useAuthedSession } from '../../app/session.js';

/** The owner's path with each step's state (GET /home/steps); none without an organization. */
export function useHomeSteps() {
  const orgId = useAuthedSession().currentOrg?.id;
  return useQuery({
    queryKey: ['home', 'steps', orgId],
    queryFn: () => api.get<HomeStepsResponse>('/home/steps'),
    enabled: orgId !== undefined,
  });
}

/** What the modules want the reader to know now (GET /home/findings), most urgent first. */
export function useHomeFindings() {
  const orgId = useAuthedSession().currentOrg?.id;
  return useQuery({
    queryKey: ['home', 'findings', orgId],
    queryFn: () => api.get<HomeFindingsResponse>('/home/findings'),
    enabled: orgId !== undefined,
  });
}
