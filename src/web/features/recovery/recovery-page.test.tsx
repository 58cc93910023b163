import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Incident, RecoveryContent, RecoveryOverview } from '../../../shared/recovery.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { RecoveryPage } from './recovery-page.js';

/** The recovery page: where the plan stands, and an assumed incident saved under If-Match. */

const text = (ja: string, en: string) => ({ ja, en });

const content: RecoveryContent = {
  incidents: [
    {
      id: 'ransomware',
      source: '001',
      label: text('ランサムウェア', 'Ransomware'),
      layers: [3, 4],
      description: text('データが暗号化される', 'Data is encrypted'),
      exampleStops: text('受注が止まる', 'Orders stop'),
      exampleWhy: text('売上が止まる', 'Sales stop'),
    },
  ],
  targets: [],
  templates: { phase1: [], phase2: [], degradedNote: { source: '001', text: text('', '') } },
  firstResponse: { steps: [], leak: { source: '001', intro: text('', ''), notices: [] } },
};

const overview: RecoveryOverview = {
  systems: [],
  cycles: [],
  counts: { systems: 4, withProcedure: 1, missTarget: 2, urgentWithout: 0 },
};

const ransomware: Incident = {
  incident: 'ransomware',
  assumed: false,
  whatStops: null,
  whyItMatters: null,
  layers: [3, 4],
  defaultLayers: [3, 4],
  version: 0,
};

function serve() {
  let saved = ransomware;
  return fakeApi({
    'GET /recovery': { body: overview },
    'GET /recovery/content': { body: content },
    'GET /recovery/incidents': () => ({ body: { items: [saved] } }),
    'GET /recovery/contacts': { body: { items: [] } },
    'GET /auth/csrf': { body: { token: 'csrf-1' } },
    'PUT /recovery/incidents/ransomware': (req) => {
      saved = { ...saved, ...(req.body as Partial<Incident>), version: saved.version + 1 };
      return { body: saved };
    },
  });
}

describe('RecoveryPage', { timeout: 30_000 }, () => {
  it('shows where the plan stands, the misses in red', async () => {
    serve();
    await renderInApp(<RecoveryPage />, { permissions: ['inventory.read'] });
    expect((await screen.findByTestId('recovery-with-procedure')).textContent).toBe('1 of 4');
    const misses = screen.getByTestId('recovery-misses');
    expect(misses.textContent).toBe('2 systems');
    expect(misses.getAttribute('style') ?? '').toContain('red');
    expect(screen.getByText('Priority S or A systems with no procedure')).toBeTruthy();
    // A reader sees the incident's sentences but cannot change or save them.
    expect((await screen.findByLabelText('What stops')).hasAttribute('readonly')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('saves an assumed incident with the version read, then reads the plan again', async () => {
    const api = serve();
    await renderInApp(<RecoveryPage />, { permissions: ['inventory.read', 'inventory.write'] });
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Assumed incidents' });
    await user.click(await within(section).findByLabelText('We assume this incident'));
    await user.click(within(section).getByLabelText('What stops'));
    await user.paste('受注と出荷');
    await user.click(within(section).getByLabelText('Why it matters'));
    await user.paste('  当日出荷が止まる  ');
    await user.click(within(section).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(api.sent.map((r) => r.method)).toContain('PUT'));
    const put = api.sent.find((r) => r.method === 'PUT');
    expect(put?.headers['if-match']).toBe('"0"');
    expect(put?.body).toEqual({
      assumed: true,
      whatStops: '受注と出荷',
      whyItMatters: '当日出荷が止まる',
      layers: [3, 4],
    });
    expect(await screen.findByText('Saved.')).toBeTruthy();
    // The plan is read again: the incident list now says it is assumed.
    await waitFor(() =>
      expect(api.sent.filter((r) => r.path === '/recovery/incidents').length).toBeGreaterThan(1),
    );
  });
});
