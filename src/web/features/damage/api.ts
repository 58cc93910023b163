import { useQuery } from '@tanstack/react-query';
import { DamageEstimateListSchema, DamagePresetsSchema } from '../../../shared/damage.js';
import { allPages, parsedApi } from '../../app/api.js';

export const DAMAGE_KEY = ['damage'] as const;

/** The two 001 cases and the categories' names and help; they never change while the app runs. */
export function useDamagePresets() {
  return useQuery({
    queryKey: [...DAMAGE_KEY, 'presets'],
    queryFn: () => parsedApi.get(DamagePresetsSchema, '/damage/presets'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDamageEstimates() {
  return useQuery({
    queryKey: [...DAMAGE_KEY, 'list'],
    queryFn: async () => ({ items: await allPages(DamageEstimateListSchema, '/damage/estimates') }),
  });
}
