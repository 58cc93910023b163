import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { parsedApi } from './api.js';
import { listPath, PAGE_SIZE, type QueryValue } from './list-query.js';

/** One page of a cursor-paged list endpoint. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paged list (`GET path?limit=…&…&cursor=…`), one page at a time. The query key is
 * `[...key, params]`, so invalidating `key` refreshes every filtered view of it. While new
 * parameters load, the previous rows stay on screen unless `keepPrevious` is false.
 */
export function usePagedList<T>(
  /** The page's response schema (src/shared): each page is parsed with it. */
  pageSchema: z.ZodType<Page<T>>,
  key: readonly unknown[],
  path: string,
  params: Record<string, QueryValue> = {},
  { limit = PAGE_SIZE, keepPrevious = true }: { limit?: number; keepPrevious?: boolean } = {},
) {
  return useInfiniteQuery({
    queryKey: [...key, params],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      parsedApi.get(pageSchema, listPath(path, params, pageParam, limit), { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}
