import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { IncidentModeFilter } from '../../../domain/incidents.js';
import {
  BoardSchema,
  EntryListSchema,
  IncidentListSchema,
  IncidentSchema,
  TrackerSchema,
} from '../../../shared/incidents.js';
import { SystemListSchema } from '../../../shared/inventory.js';
import { SituationReportSchema } from '../../../shared/situation.js';
import { API_BASE, allPages, parsedApi } from '../../app/api.js';

export const INCIDENTS_KEY = ['incidents'] as const;
const path = (id: string) => `/incidents/${encodeURIComponent(id)}`;

export function useIncidentList(mode: IncidentModeFilter) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'list', mode],
    queryFn: () => parsedApi.get(IncidentListSchema, `/incidents?mode=${mode}`),
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, id],
    queryFn: () => parsedApi.get(IncidentSchema, path(id)),
  });
}

export function useChronology(id: string) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, id, 'chronology'],
    queryFn: () => parsedApi.get(EntryListSchema, `${path(id)}/chronology`),
  });
}

export function useBoard(id: string) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, id, 'board'],
    queryFn: () => parsedApi.get(BoardSchema, `${path(id)}/board`),
  });
}

export function useTracker(id: string) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, id, 'tracker'],
    queryFn: () => parsedApi.get(TrackerSchema, `${path(id)}/tracker`),
    // Elapsed time and time left move with the clock.
    refetchInterval: 60_000,
  });
}

/** The situation report, worded by the server in `lang` (refreshed by the live events). */
export function useSituationReport(id: string, lang: 'ja' | 'en') {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, id, 'situation', lang],
    queryFn: () => parsedApi.get(SituationReportSchema, `${path(id)}/situation?lang=${lang}`),
  });
}

/** Every system of the inventory not archived, by name, to add one to the tracker. */
export function useSystemOptions(enabled: boolean) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'system-options'],
    queryFn: () => allPages(SystemListSchema, '/inventory/systems'),
    select: (systems) => systems.filter((s) => !s.archivedAt).map((s) => ({ value: s.id, label: s.name })),
    enabled,
    staleTime: 60_000,
  });
}

/**
 * Follows the organization's incident events (Server-Sent Events) and refreshes the HQ's queries
 * on each one. The browser reconnects by itself and sends Last-Event-ID, so the server replays what
 * was missed; the first connection starts from the newest event (the queries load the rest).
 */
export function useIncidentEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let latest: string | null = null;
    let source: EventSource | null = null;
    let stopped = false;
    const open = () => {
      const url = `${API_BASE}/incidents/events${latest ? `?lastEventId=${latest}` : ''}`;
      source = new EventSource(url, { withCredentials: true });
      source.addEventListener('incident', (e) => {
        latest = (e as MessageEvent).lastEventId || latest;
        void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
      });
      source.addEventListener('open', () => {
        // Anything missed while disconnected is replayed; refresh once in case it was long.
        void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
      });
      source.addEventListener('error', () => {
        // A refused stream (signed out) is closed by the browser; try again later from where we were.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source = null;
          setTimeout(() => {
            if (!stopped) open();
          }, 5000);
        }
      });
    };
    open();
    return () => {
      stopped = true;
      source?.close();
    };
  }, [queryClient]);
}
