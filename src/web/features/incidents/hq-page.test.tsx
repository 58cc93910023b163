import { fireEvent, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Incident, Tracker } from '../../../shared/incidents.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { HqPage } from './hq-page.js';

/**
 * The IT recovery tracker of the headquarters in the owner's words: a system past 80 % of its
 * target recovery time and one past it are said in sentences above the table, with the time left
 * or over; a system without a procedure says so.
 */

const incident: Incident = {
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
};

const system = (over: Partial<Tracker['systems'][number]>): Tracker['systems'][number] => ({
  id: 's',
  systemId: 'x',
  name: 'x',
  priority: 'S',
  rto: { kind: 'duration', minutes: 600 },
  order: 1,
  state: 'on_track',
  elapsedMinutes: 60,
  leftMinutes: 540,
  recoveredAt: null,
  steps: [],
  waitsFor: [],
  version: 1,
  ...over,
});

describe('HQ recovery tracker', () => {
  it('warns in plain words at 80 % and past the target', async () => {
    const tracker: Tracker = {
      now: '2026-12-07T09:00:00.000Z',
      systems: [
        system({
          id: 'a',
          name: 'Member DB',
          order: 1,
          state: 'warning',
          elapsedMinutes: 540,
          leftMinutes: 60,
        }),
        system({
          id: 'b',
          name: 'Front desk PC',
          order: 2,
          state: 'breached',
          rto: { kind: 'duration', minutes: 180 },
          elapsedMinutes: 540,
          leftMinutes: -360,
        }),
      ],
    };
    fakeApi({
      'GET /orgs': { body: { items: [] } },
      'GET /incidents/i1': { body: incident },
      'GET /incidents/i1/chronology': { body: { items: [] } },
      'GET /incidents/i1/tracker': { body: tracker },
    });
    await renderInApp(
      <Routes>
        <Route path="/incidents/:id" element={<HqPage />} />
      </Routes>,
      { permissions: ['incidents.read'], route: '/incidents/i1' },
    );
    fireEvent.click(await screen.findByRole('tab', { name: 'IT recovery' }));
    const warnings = await screen.findByTestId('rto-warnings');
    expect(warnings.textContent).toContain('Some systems are running out of time');
    expect(warnings.textContent).toContain(
      'Member DB: 80% of its target recovery time has passed, 1 hour left.',
    );
    expect(warnings.textContent).toContain('Front desk PC: 6 hours past its target recovery time.');
    expect(screen.getAllByText('No recovery procedure yet').length).toBeGreaterThan(0);
  });
});
