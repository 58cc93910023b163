import { useQuery } from '@tanstack/react-query';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import {
  BiaContentSchema,
  BiaDiffSchema,
  BiaSettingsSchema,
  type BiaView,
  BiaViewSchema,
  ImpactSchema,
  SignoffListSchema,
} from '../../../shared/bia-api.js';
import { parsedApi } from '../../app/api.js';
import { BIA_KEY } from '../graph/api.js';

/** The organization's BIA settings (the scale bounds every level picker, the inventory's too). */
export function useBiaSettings() {
  return useQuery({
    queryKey: [...BIA_KEY, 'settings'],
    queryFn: () => parsedApi.request(BiaSettingsSchema, 'GET', '/bia/settings'),
    select: (r) => ({ ...r.data, version: r.etag !== null ? Number(r.etag) : r.data.version }),
    staleTime: 10_000,
  });
}

export function useBiaView() {
  return useQuery({ queryKey: [...BIA_KEY, 'view'], queryFn: () => parsedApi.get(BiaViewSchema, '/bia') });
}

export function useBiaContent() {
  return useQuery({
    queryKey: [...BIA_KEY, 'content'],
    queryFn: () => parsedApi.get(BiaContentSchema, '/bia/content'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSignoffs() {
  return useQuery({
    queryKey: [...BIA_KEY, 'signoffs'],
    queryFn: () => parsedApi.get(SignoffListSchema, '/bia/signoffs'),
  });
}

export function useBiaDiff() {
  return useQuery({
    queryKey: [...BIA_KEY, 'diff'],
    queryFn: () => parsedApi.get(BiaDiffSchema, '/bia/diff'),
  });
}

export function useImpact(node: { type: NodeKind; id: string } | null) {
  return useQuery({
    queryKey: [...BIA_KEY, 'impact', node],
    queryFn: () =>
      parsedApi.get(
        ImpactSchema,
        `/bia/impact?nodeType=${encodeURIComponent(node?.type ?? '')}&nodeId=${encodeURIComponent(node?.id ?? '')}`,
      ),
    enabled: node !== null,
  });
}

/** id → name for operations and every other node of the view. */
export function nameMap(view: BiaView | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const o of view?.operations ?? []) m.set(o.id, o.name);
  for (const n of view?.nodes ?? []) m.set(n.id, n.name);
  return m;
}
