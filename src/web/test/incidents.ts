import type { Incident } from '../../shared/incidents.js';

/** An active, real ransomware incident 'i1' begun on 2026-12-07, with what a test changes. */
export function anIncident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'i1',
    type: 'ransomware',
    mode: 'real',
    title: 'Ransomware',
    status: 'active',
    beganAt: '2026-12-07T00:00:00.000Z',
    sites: [],
    prefectureCodes: [],
    closedAt: null,
    closeSummary: null,
    roster: [],
    counts: { entries: 0, openTasks: 0, decisions: 0 },
    createdAt: '2026-12-07T00:00:00.000Z',
    version: 1,
    ...over,
  };
}
