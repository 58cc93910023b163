import { useQuery } from '@tanstack/react-query';
import {
  ContactListSchema,
  IncidentListSchema,
  ProcedureSchema,
  RecoveryContentSchema,
  RecoveryOverviewSchema,
} from '../../../shared/recovery.js';
import { parsedApi } from '../../app/api.js';

export const RECOVERY_KEY = ['recovery'] as const;

/** Templates, incidents, damage targets and the first response: the same while the app runs. */
export function useRecoveryContent() {
  return useQuery({
    queryKey: [...RECOVERY_KEY, 'content'],
    queryFn: () => parsedApi.get(RecoveryContentSchema, '/recovery/content'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Every system in recovery order with its feasibility. */
export function useRecoveryOverview() {
  return useQuery({
    queryKey: [...RECOVERY_KEY, 'overview'],
    queryFn: () => parsedApi.get(RecoveryOverviewSchema, '/recovery'),
  });
}

export function useProcedure(id: string | null) {
  return useQuery({
    queryKey: [...RECOVERY_KEY, 'procedure', id],
    queryFn: () => parsedApi.get(ProcedureSchema, `/recovery/procedures/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}

export function useIncidents() {
  return useQuery({
    queryKey: [...RECOVERY_KEY, 'incidents'],
    queryFn: () => parsedApi.get(IncidentListSchema, '/recovery/incidents'),
  });
}

export function useContacts() {
  return useQuery({
    queryKey: [...RECOVERY_KEY, 'contacts'],
    queryFn: () => parsedApi.get(ContactListSchema, '/recovery/contacts'),
  });
}
