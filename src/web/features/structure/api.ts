import { useQuery } from '@tanstack/react-query';
import type { DepartmentList, SiteList } from '../../../shared/structure.js';
import { api } from '../../app/api.js';

export const SITES_KEY = ['structure', 'sites'] as const;
export const DEPARTMENTS_KEY = ['structure', 'departments'] as const;

/** Sites of the organization (small list, one page); archived ones only when asked. */
export function useSites(includeArchived = false) {
  return useQuery({
    queryKey: [...SITES_KEY, { includeArchived }],
    queryFn: () => api.get<SiteList>(`/sites${includeArchived ? '?includeArchived=true' : ''}`),
    select: (data) => data.items,
    staleTime: 30_000,
  });
}

export function useDepartments(includeArchived = false) {
  return useQuery({
    queryKey: [...DEPARTMENTS_KEY, { includeArchived }],
    queryFn: () => api.get<DepartmentList>(`/departments${includeArchived ? '?includeArchived=true' : ''}`),
    select: (data) => data.items,
    staleTime: 30_000,
  });
}
