import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QuakeEvent, QuakeSettings } from '../../../shared/quake.js';
import type { SituationReport } from '../../../shared/situation.js';
import { anIncident } from '../../test/incidents.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { HqPage } from './hq-page.js';
import { QuakeSettingsCard } from './quake-section.js';
import { SituationPage } from './situation-page.js';

/**
 * An earthquake incident declared by the trigger asks the HQ whether to send the safety requests;
 * the situation report page shows the server's sections with the drill mark.
 */

const incident = anIncident({
  type: 'earthquake',
  title: '地震：岡山県 震度5弱',
  beganAt: '2026-12-07T05:30:00.000Z',
  prefectureCodes: ['33'],
  counts: { entries: 1, openTasks: 0, decisions: 0 },
  createdAt: '2026-12-07T05:35:00.000Z',
});

const event = (confirmation: QuakeEvent['confirmation']): QuakeEvent => ({
  id: 'q1',
  eventId: '20261207143012',
  headline: '',
  phase: 'sent',
  sendAt: null,
  incidentId: 'i1',
  confirmation,
  prefectures: [{ prefecture: '33', maxIntensity: '5-' }],
  updatedAt: '2026-12-07T05:35:00.000Z',
});

describe('earthquake confirmation on the HQ', () => {
  it('shows where the intensity was reached and sends the confirmation', async () => {
    const api = fakeApi({
      'GET /orgs': { body: { items: [] } },
      'GET /incidents/i1': { body: incident },
      'GET /incidents/i1/chronology': { body: { items: [] } },
      'GET /quake/events?incidentId=i1': { body: { items: [event('pending')] } },
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'POST /quake/events/q1/confirm': { body: event('confirmed') },
    });
    await renderInApp(<HqPage />, {
      permissions: ['incidents.read', 'incidents.write'],
      route: '/incidents/i1',
      path: '/incidents/:id',
    });
    expect(
      await screen.findByText(
        /Where the chosen intensity was reached: Okayama intensity 5 lower/,
        {},
        { timeout: 5000 },
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send safety confirmation requests' }));
    await waitFor(() => expect(api.sent.some((r) => r.path === '/quake/events/q1/confirm')).toBe(true));
  });
});

describe('earthquake trigger settings: the push address', () => {
  const settings = (pushUrl: string | null): QuakeSettings => ({
    enabled: true,
    threshold: '5-',
    holdMinutes: 3,
    sendMode: 'confirm',
    feedUrl: null,
    hasPushToken: true,
    pushUrl,
    version: 2,
  });

  it('shows the address the server gives (its BASE_URL), not the browser’s own', async () => {
    fakeApi({ 'GET /quake/settings': { body: settings('https://bcp.example.jp/api/v1/quake/reports') } });
    await renderInApp(<QuakeSettingsCard />, { permissions: ['org.manage'] });
    const code = await screen.findByTestId('quake-push-url', {}, { timeout: 5000 });
    expect(code.textContent).toContain('POST https://bcp.example.jp/api/v1/quake/reports');
    expect(code.textContent).not.toContain(window.location.origin);
    expect(screen.getByRole('button', { name: 'Copy the address' })).toBeTruthy();
  });

  it('says plainly that BASE_URL must be set when the server has none, and shows no address', async () => {
    fakeApi({ 'GET /quake/settings': { body: settings(null) } });
    await renderInApp(<QuakeSettingsCard />, { permissions: ['org.manage'] });
    expect(
      await screen.findByText('The address to send to is not known yet', {}, { timeout: 5000 }),
    ).toBeTruthy();
    expect(screen.getByText(/set BASE_URL to the address/)).toBeTruthy();
    expect(screen.queryByTestId('quake-push-url')).toBeNull();
  });
});

describe('situation report page', () => {
  it('prints the server’s sections, tables included, with the drill mark', async () => {
    const report: SituationReport = {
      incidentId: 'i1',
      mode: 'drill',
      locale: 'en',
      title: 'Situation report',
      organizationName: 'Gym Co.',
      banner: '[DRILL] This is the report of a drill',
      subtitle: ['Drill (Ransomware) — Under way'],
      generatedAt: '2026-12-07T06:00:00.000Z',
      generatedLocal: '2026-12-07 15:00',
      sections: [
        {
          id: 'safety',
          title: 'Safety confirmation',
          blocks: [{ kind: 'note', tone: 'info', text: 'No totals yet.' }],
        },
        {
          id: 'decisions',
          title: 'Decisions',
          blocks: [
            {
              kind: 'table',
              caption: 'Decisions',
              columns: ['Time', 'Decided by', 'Decision', 'Based on'],
              rows: [['2026-12-07 14:00', 'Okada', 'Pay no ransom', 'Police advice']],
            },
          ],
        },
      ],
    };
    fakeApi({
      'GET /orgs': { body: { items: [] } },
      'GET /incidents/i1/situation?lang=en': { body: report },
    });
    await renderInApp(<SituationPage />, {
      permissions: ['incidents.read'],
      route: '/incidents/i1/report',
      path: '/incidents/:id/report',
    });
    expect(await screen.findByText('[DRILL] This is the report of a drill')).toBeTruthy();
    expect(screen.getAllByText('Pay no ransom').length).toBeGreaterThan(0);
    expect(screen.getByText('No totals yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Save as PDF' }).getAttribute('href')).toContain(
      '/situation.pdf?lang=en',
    );
  });
});
