import { useQuery } from '@tanstack/react-query';
import { PeopleListSchema } from '../../../shared/people.js';
import { allPages } from '../../app/api.js';
import { downloadUrl, fileLanguage, type ListState, listParams } from '../../app/list-query.js';
import { usePagedList } from '../../app/paged-list.js';

export const PEOPLE_KEY = ['people'] as const;

/** The directory's own filters (query parameters of GET /people). */
export type PeopleFilter = 'siteId' | 'departmentId' | 'employmentStatus';

/** The directory, filtered, one page of 50 at a time (sorted by name on the server). */
export function usePeople(state: ListState<PeopleFilter>) {
  return usePagedList(PeopleListSchema, [...PEOPLE_KEY, 'list'], '/people', listParams(state));
}

/** Where the browser downloads the directory as a file, with headers in the chosen language. */
export function exportUrl(format: 'csv' | 'xlsx', lang: string, includeArchived = false): string {
  return downloadUrl('/people/export', { format, lang: fileLanguage(lang), includeArchived });
}

/** Everyone in the organization's directory, by name, for person pickers. */
export function usePeopleOptions() {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'options'],
    queryFn: () => allPages(PeopleListSchema, '/people'),
    select: (people) => people.map((p) => ({ value: p.id, label: p.name })),
    staleTime: 60_000,
  });
}
