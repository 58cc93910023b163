import { useQuery } from '@tanstack/react-query';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import type { BiaContent, BiaDiff, BiaView, Impact, Signoff } from '../../../shared/bia-api.js';
import { api } from '../../app/api.js';
import { BIA_KEY } from '../inventory/api.js';

export function useBiaView() {
  return useQuery({ queryKey: [...BIA_KEY, 'view'], queryFn: () => api.get<BiaView>('/bia') });
}

export function useBiaContent() {
  return useQuery({
    queryKey: [...BIA_KEY, 'content'],
    queryFn: () => api.get<BiaContent>('/bia/content'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSignoffs() {
  return useQuery({
    queryKey: [...BIA_KEY, 'signoffs'],
    queryFn: () => api.get<{ items: Signoff[] }>('/bia/signoffs'),
  });
}

export function useBiaDiff() {
  return useQuery({ queryKey: [...BIA_KEY, 'diff'], queryFn: () => api.get<BiaDiff>('/bia/diff') });
}

export function useImpact(node: { type: NodeKind; id: string } | null) {
  return useQuery({
    queryKey: [...BIA_KEY, 'impact', node],
    queryFn: () =>
      api.get<Impact>(
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
