import { useQuery } from '@tanstack/react-query';
import { GraphSchema } from '../../../shared/inventory.js';
import { parsedApi } from '../../app/api.js';

/*
 * The dependency graph as inventory, BIA and damage read it. Every BIA figure depends on the
 * inventory, so a change to either refreshes both query keys.
 */
export const INVENTORY_KEY = ['inventory'] as const;
export const BIA_KEY = ['bia'] as const;

/** Every active node and edge (names for pickers, the graph view). */
export function useGraph() {
  return useQuery({
    queryKey: [...INVENTORY_KEY, 'graph'],
    queryFn: () => parsedApi.get(GraphSchema, '/inventory/graph'),
    staleTime: 10_000,
  });
}
