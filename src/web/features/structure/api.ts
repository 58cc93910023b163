import { useQuery } from '@tanstack/react-query';
import { DepartmentListSchema, SiteListSchema } from '../../../shared/structure.js';
import { parsedApi } from '../../app/api.js';

const SITES_KEY = ['structure', 'sites'] as const;
const DEPARTMENTS_KEY = ['structure', 'departments'] as const;

export type StructureKind = 'site' | 'department';
/** Where each kind lives in the API and in the query cache. */
export const STRUCTURE = {
  site: { path: '/sites', key: SITES_KEY, listSchema: SiteListSchema },
  department: { path: '/departments', key: DEPARTMENTS_KEY, listSchema: DepartmentListSchema },
} as const;

/** Sites or departments of the organization (small lists, one page); archived ones only when asked. */
export function useStructureList<K extends StructureKind>(kind: K, includeArchived = false) {
  const { path, key, listSchema } = STRUCTURE[kind];
  return useQuery({
    queryKey: [...key, { includeArchived }],
    queryFn: () => parsedApi.get(listSchema, `${path}${includeArchived ? '?includeArchived=true' : ''}`),
    select: (data) => data.items,
    staleTime: 30_000,
  });
}

export function useSites(includeArchived = false) {
  return useStructureList('site', includeArchived);
}

export function useDepartments(includeArchived = false) {
  return useStructureList('department', includeArchived);
}
