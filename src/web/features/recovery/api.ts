import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ContactListSchema,
  IncidentListSchema,
  ProcedureSchema,
  RecoveryContentSchema,
  RecoveryOverviewSchema,
} from '../../../shared/recovery.js';
import { parsedApi } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { notify } from '../../app/notify.js';

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

/**
 * One change to the recovery plan: when it is saved, the `doneKey` sentence is shown and every
 * recovery query is read again; a refusal is shown in words.
 */
export function useRecoveryChange<V = void>(mutationFn: (value: V) => Promise<unknown>, doneKey: string) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      notify(t(doneKey));
      await client.invalidateQueries({ queryKey: RECOVERY_KEY });
    },
    onError: (err) => notify(errorMessage(t, err), 'red'),
  });
}
