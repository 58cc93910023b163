import { useQuery } from '@tanstack/react-query';
import type { BiaSettings } from '../../../shared/bia-api.js';
import type {
  Component,
  EdgeList,
  Graph,
  NodeType,
  Operation,
  Register,
  Supplier,
  System,
} from '../../../shared/inventory.js';
import type { PeopleList } from '../../../shared/people.js';
import { api, apiRequest } from '../../app/api.js';
import { downloadUrl, fileLanguage, type ListState, listParams } from '../../app/list-query.js';
import { usePagedList } from '../../app/paged-list.js';

export const INVENTORY_KEY = ['inventory'] as const;
/** Every BIA figure depends on the inventory, so both are refreshed together. */
export const BIA_KEY = ['bia'] as const;

export type InventoryItem = Operation | System | Component | Supplier;

export const REGISTER_LIST: readonly Register[] = ['operations', 'systems', 'components', 'suppliers'];
export const TYPE_OF: Record<Register, NodeType> = {
  operations: 'operation',
  systems: 'system',
  components: 'component',
  suppliers: 'supplier',
};

/** What each kind of item may depend on (src/domain/dependency-graph.ts). */
export const ALLOWED_TARGETS: Record<NodeType, NodeType[]> = {
  operation: ['system'],
  system: ['system', 'component', 'supplier'],
  component: ['supplier'],
  supplier: [],
};

/**
 * One register, sorted, 50 rows at a time; its own filters (importance, hosting, layer, side,
 * kind, dependencyLevel) are query parameters of the same name.
 */
export function useRegisterList(register: Register, state: ListState) {
  return usePagedList<InventoryItem>(
    [...INVENTORY_KEY, register, 'list'],
    `/inventory/${register}`,
    listParams(state),
  );
}

/** Every active node and edge (names for pickers, the graph view). */
export function useGraph() {
  return useQuery({
    queryKey: [...INVENTORY_KEY, 'graph'],
    queryFn: () => api.get<Graph>('/inventory/graph'),
    staleTime: 10_000,
  });
}

export function useEdgesOf(nodeId: string | null) {
  return useQuery({
    queryKey: [...INVENTORY_KEY, 'edges', nodeId],
    queryFn: () =>
      api.get<EdgeList>(`/inventory/edges?nodeId=${encodeURIComponent(nodeId ?? '')}&limit=1000`),
    enabled: nodeId !== null,
  });
}

/** People of the organization for owner pickers (first 200 by name). */
export function usePeopleOptions() {
  return useQuery({
    queryKey: ['people', 'options'],
    queryFn: () => api.get<PeopleList>('/people?limit=200'),
    select: (d) => d.items.map((p) => ({ value: p.id, label: p.name })),
    staleTime: 60_000,
  });
}

export function exportUrl(register: Register, lang: string, includeArchived = false): string {
  return downloadUrl(`/inventory/${register}/export`, { lang: fileLanguage(lang), includeArchived });
}

/** The organization's BIA settings (the scale bounds every level picker). */
export function useBiaSettings() {
  return useQuery({
    queryKey: [...BIA_KEY, 'settings'],
    queryFn: () => apiRequest<BiaSettings>('GET', '/bia/settings'),
    select: (r) => ({ ...r.data, version: r.etag !== null ? Number(r.etag) : r.data.version }),
    staleTime: 10_000,
  });
}
