/// <reference types="vite/client" />
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { PlanEditionListSchema } from '../../shared/plan.js';
import { parsedApi } from './api.js';

/**
 * The installed web app (PWA): public/manifest.webmanifest and public/sw.js. The service worker
 * only keeps the latest issued edition of the IT-BCP for /plan/offline; it caches no app code,
 * so a deploy is live on the next load. Registered in production builds only (`vite build`,
 * which the browser tests use too); the dev server runs without it.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // updateViaCache 'none': the browser checks sw.js itself on every load, never from its cache.
  void navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {
    // No service worker (private mode, an old browser): the app works the same, without the offline copy.
  });
}

/** Tells the service worker which edition to keep (null: none, forget what it kept). */
export function keepPlanEdition(number: number | null): void {
  if (!('serviceWorker' in navigator)) return;
  // ready: on the first visit the worker is still installing; the message waits for it.
  void navigator.serviceWorker.ready.then((reg) => {
    reg.active?.postMessage({ type: 'keizoku-plan', number });
  });
}

/**
 * While signed in to an organization whose plan the user may read: keep its latest edition on
 * this device (and nothing when it has none). Logging out forgets it (useForgetSession).
 */
export function useOfflinePlanCopy(org: { id: string; permissions: readonly string[] } | null): void {
  const mayRead = org?.permissions.includes('inventory.read') ?? false;
  const latest = useQuery({
    queryKey: ['plan', 'editions', 'latest', org?.id],
    enabled: mayRead,
    queryFn: () => parsedApi.get(PlanEditionListSchema, '/plan/editions?limit=1'),
    staleTime: 60_000,
  });
  const number = latest.data ? (latest.data.items[0]?.number ?? null) : undefined;
  useEffect(() => {
    if (number !== undefined) keepPlanEdition(number);
  }, [number]);
}
