import { useInfiniteQuery } from '@tanstack/react-query';
import type { EmploymentStatus, PeopleList } from '../../../shared/people.js';
import { API_BASE, api } from '../../app/api.js';

export const PEOPLE_KEY = ['people'] as const;

export interface PeopleFilters {
  q: string;
  siteId: string | null;
  departmentId: string | null;
  employmentStatus: EmploymentStatus | null;
  includeArchived: boolean;
}

const PAGE_SIZE = 50;

function listPath(filters: PeopleFilters, cursor: string): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  const q = filters.q.trim();
  if (q) params.set('q', q.slice(0, 100));
  if (filters.siteId) params.set('siteId', filters.siteId);
  if (filters.departmentId) params.set('departmentId', filters.departmentId);
  if (filters.employmentStatus) params.set('employmentStatus', filters.employmentStatus);
  if (filters.includeArchived) params.set('includeArchived', 'true');
  if (cursor) params.set('cursor', cursor);
  return `/people?${params.toString()}`;
}

/** The directory, filtered, one page of 50 at a time (sorted by name on the server). */
export function usePeople(filters: PeopleFilters) {
  return useInfiniteQuery({
    queryKey: [...PEOPLE_KEY, 'list', filters],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => api.get<PeopleList>(listPath(filters, pageParam), { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** Where the browser downloads the directory as a file, with headers in the chosen language. */
export function exportUrl(format: 'csv' | 'xlsx', lang: string, includeArchived = false): string {
  const params = new URLSearchParams({ format, lang: lang === 'en' ? 'en' : 'ja' });
  if (includeArchived) params.set('includeArchived', 'true');
  return `${API_BASE}/people/export?${params.toString()}`;
}
