import { useQuery } from '@tanstack/react-query';
import type { Register } from '../../../domain/inventory.js';
import {
  type Component,
  ComponentListSchema,
  EdgeListSchema,
  type Operation,
  OperationListSchema,
  type Supplier,
  SupplierListSchema,
  type System,
  SystemListSchema,
} from '../../../shared/inventory.js';
import { parsedApi } from '../../app/api.js';
import { downloadUrl, fileLanguage, type ListState, listParams } from '../../app/list-query.js';
import { usePagedList } from '../../app/paged-list.js';
import { INVENTORY_KEY } from '../graph/api.js';

export type InventoryItem = Operation | System | Component | Supplier;

const LIST_SCHEMAS = {
  operations: OperationListSchema,
  systems: SystemListSchema,
  components: ComponentListSchema,
  suppliers: SupplierListSchema,
} as const;

/**
 * One register, sorted, 50 rows at a time; its own filters (importance, hosting, layer, side,
 * kind, dependencyLevel) are query parameters of the same name.
 */
export function useRegisterList(register: Register, state: ListState) {
  return usePagedList<InventoryItem>(
    LIST_SCHEMAS[register],
    [...INVENTORY_KEY, register, 'list'],
    `/inventory/${register}`,
    listParams(state),
  );
}

export function useEdgesOf(nodeId: string | null) {
  return useQuery({
    queryKey: [...INVENTORY_KEY, 'edges', nodeId],
    queryFn: () =>
      parsedApi.get(EdgeListSchema, `/inventory/edges?nodeId=${encodeURIComponent(nodeId ?? '')}&limit=1000`),
    enabled: nodeId !== null,
  });
}

export function exportUrl(register: Register, lang: string, includeArchived = false): string {
  return downloadUrl(`/inventory/${register}/export`, { lang: fileLanguage(lang), includeArchived });
}
