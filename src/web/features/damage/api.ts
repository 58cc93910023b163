import { useQuery } from '@tanstack/react-query';
import type { DamageEstimateList, DamagePresets } from '../../../shared/damage.js';
import { api } from '../../app/api.js';

export const DAMAGE_KEY = ['damage'] as const;

/** The two 001 cases and the categories' names and help; they never change while the app runs. */
export function useDamagePresets() {
  return useQuery({
    queryKey: [...DAMAGE_KEY, 'presets'],
    queryFn: () => api.get<DamagePresets>('/damage/presets'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDamageEstimates() {
  return useQuery({
    queryKey: [...DAMAGE_KEY, 'list'],
    queryFn: () => api.get<DamageEstimateList>('/damage/estimates?limit=200'),
  });
}
