import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HomeFinding, HomeStepsResponse } from '../../../shared/home.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { HomePage } from '../home/home-page.js';

/** The home page during a real incident: go to the headquarters; a system near its target, in words. */

const active: HomeFinding = {
  code: 'incident_active',
  severity: 'critical',
  params: { incident: 'Ransomware', since: '2026-12-07T00:00:00.000Z' },
  link: '/incidents/i1',
};
const warning: HomeFinding = {
  code: 'incident_rto_warning',
  severity: 'warning',
  params: {
    incident: 'Ransomware',
    system: 'Member DB',
    target: { kind: 'duration', minutes: 600 },
    elapsed: 540,
    left: 60,
  },
  link: '/incidents/i1',
};
const steps: HomeStepsResponse = {
  items: [{ key: 'drill', state: 'not_started', params: { drills: 0 }, link: '/incidents' }],
  next: 'drill',
};

describe('home page during an incident', () => {
  it('sends the reader to the headquarters and names the system running out of time', async () => {
    fakeApi({
      'GET /orgs': { body: { items: [] } },
      'GET /home/steps': { body: steps },
      'GET /home/findings': { body: { items: [active, warning] } },
      'GET /safety/mine': { body: { items: [] } },
    });
    await renderInApp(<HomePage />, { permissions: ['org.read', 'inventory.read', 'incidents.read'] });
    const next = await screen.findByRole('region', { name: 'What to do next' }, { timeout: 5000 });
    expect(within(next).getByText('Incident drill')).toBeTruthy();
    expect(within(next).getByRole('link', { name: 'Start a drill' }).getAttribute('href')).toBe('/incidents');
    const findings = screen.getByRole('region', { name: 'Needs your attention' });
    expect(within(findings).getByText(/^"Ransomware" is under way \(since /)).toBeTruthy();
    expect(within(findings).getByRole('link', { name: 'Go to the headquarters' }).getAttribute('href')).toBe(
      '/incidents/i1',
    );
    expect(
      within(findings).getByText(
        'In "Ransomware", "Member DB" is past 80% of its target recovery time (1 hour left).',
      ),
    ).toBeTruthy();
  });
});
