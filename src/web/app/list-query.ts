import type { Locale } from '../../domain/organization.js';
import { API_BASE } from './api.js';

/** How many rows a register list asks for at a time. */
export const PAGE_SIZE = 50;
/** The longest search text the list endpoints accept. */
export const SEARCH_MAX_LENGTH = 100;

export type QueryValue = string | number | boolean | null | undefined;

/**
 * What a register list is showing: the search, the register's own filters (query parameter →
 * chosen value), the order and whether archived rows are included.
 */
export interface ListState<F extends string = string> {
  q: string;
  filters: Partial<Record<F, string | null>>;
  sort?: string | undefined;
  includeArchived: boolean;
}

/** A search as the server takes it: trimmed and at most 100 characters ('' when blank). */
export function searchText(q: string): string {
  return q.trim().slice(0, SEARCH_MAX_LENGTH);
}

/**
 * A query string without the empty parts: null, undefined, '' and false are left out.
 *
 * @example
 * queryString({ lang: 'ja', includeArchived: false, kind: null }) // 'lang=ja'
 */
export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  return search.toString();
}

/**
 * The path of one page of a list: the page size first, then the parameters that are set, then
 * the cursor of the page (none for the first).
 *
 * @example
 * listPath('/people', { q: '山田', includeArchived: true }, 'c2') // '/people?limit=50&q=%E5%B1%B1%E7%94%B0&includeArchived=true&cursor=c2'
 */
export function listPath(
  path: string,
  params: Record<string, QueryValue>,
  cursor = '',
  limit = PAGE_SIZE,
): string {
  return `${path}?${queryString({ limit, ...params, cursor })}`;
}

/** The query parameters for a list state (the search trimmed, unset filters left out). */
export function listParams(state: ListState): Record<string, QueryValue> {
  return {
    q: searchText(state.q),
    sort: state.sort,
    ...state.filters,
    includeArchived: state.includeArchived,
  };
}

/** How many of the register's own filters are set (the search and "show archived" not counted). */
export function activeFilterCount(state: Pick<ListState, 'filters'>): number {
  return Object.values(state.filters).filter(Boolean).length;
}

/** Whether the list is narrowed, so an empty list means "no match" rather than "nothing yet". */
export function isNarrowed(state: Pick<ListState, 'q' | 'filters'>): boolean {
  return searchText(state.q) !== '' || activeFilterCount(state) > 0;
}

/** The language of a downloaded file's headers: English when the screen is in English, else Japanese. */
export function fileLanguage(lang: string): Locale {
  return lang === 'en' ? 'en' : 'ja';
}

/** Where the browser downloads an export (a plain link, so the session cookie goes with it). */
export function downloadUrl(path: string, params: Record<string, QueryValue>): string {
  const query = queryString(params);
  return `${API_BASE}${path}${query ? `?${query}` : ''}`;
}

/** The rows of every page loaded so far, in order. */
export function pageItems<T>(data: { pages: readonly { items: readonly T[] }[] } | undefined): T[] {
  return data?.pages.flatMap((p) => p.items) ?? [];
}
