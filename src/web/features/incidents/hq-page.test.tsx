import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Tracker } from '../../../shared/incidents.js';
import type { System } from '../../../shared/inventory.js';
import { anIncident } from '../../test/incidents.js';
import { fakeApi, pickOption, renderInApp } from '../../test/render.js';
import { HqPage } from './hq-page.js';

/**
 * The IT recovery tracker of the headquarters in the owner's words: a system past 80 % of its
 * target recovery time and one past it are said in sentences above the table, with the time left
 * or over; a system without a procedure says so.
 */

const incident = anIncident();

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

/** The IT recovery tab for a member who may read, tracking `systems`; its warning box. */
async function showTracker(systems: Tracker['systems']) {
  fakeApi({
    'GET /orgs': { body: { items: [] } },
    'GET /incidents/i1': { body: incident },
    'GET /incidents/i1/chronology': { body: { items: [] } },
    'GET /incidents/i1/tracker': { body: { now: '2026-12-07T09:00:00.000Z', systems } },
  });
  await renderInApp(<HqPage />, {
    permissions: ['incidents.read'],
    route: '/incidents/i1',
    path: '/incidents/:id',
  });
  fireEvent.click(await screen.findByRole('tab', { name: 'IT recovery' }));
  return screen.findByTestId('rto-warnings');
}

/** Past 80 % of its ten hours. */
const memberDb = system({
  id: 'a',
  name: 'Member DB',
  order: 1,
  state: 'warning',
  elapsedMinutes: 540,
  leftMinutes: 60,
});

/** A target of three hours. */
const frontDesk = (over: Partial<Tracker['systems'][number]>) =>
  system({ id: 'b', name: 'Front desk PC', order: 2, rto: { kind: 'duration', minutes: 180 }, ...over });

describe('HQ recovery tracker', () => {
  it('warns in plain words at 80 % and past the target', async () => {
    const warnings = await showTracker([
      memberDb,
      frontDesk({ state: 'breached', elapsedMinutes: 540, leftMinutes: -360 }),
    ]);
    expect(warnings.textContent).toContain('Some systems are past their target time');
    expect(warnings.textContent).toContain(
      'Member DB: 80% of its target recovery time has passed, 1 hour left.',
    );
    expect(warnings.textContent).toContain('Front desk PC: 6 hours past its target recovery time.');
    expect(screen.getAllByText('No recovery procedure yet').length).toBeGreaterThan(0);
  });

  it('says a system is running out of time while none is past it, and how systems already back came back', async () => {
    const warnings = await showTracker([
      memberDb,
      frontDesk({
        state: 'recovered',
        elapsedMinutes: 330,
        leftMinutes: -150,
        recoveredAt: '2026-12-07T06:30:00.000Z',
      }),
      system({
        id: 'c',
        name: 'VPN',
        order: 3,
        state: 'recovered',
        elapsedMinutes: 120,
        leftMinutes: 480,
        recoveredAt: '2026-12-07T03:00:00.000Z',
      }),
    ]);
    expect(warnings.textContent).toContain('Some systems are running out of time');
    expect(warnings.textContent).not.toContain('Front desk PC');
    expect(screen.getAllByText('back 2 hours 30 min late').length).toBeGreaterThan(0);
    expect(screen.getAllByText('back within its target').length).toBeGreaterThan(0);
    expect(screen.queryByText(/30 min over/)).toBeNull();
  });
});

const inventorySystem = (id: string, name: string): System => ({
  id,
  name,
  description: null,
  archivedAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
  ownerPersonId: null,
  ownerPersonName: null,
  ownerText: null,
  vendor: null,
  hosting: null,
  dataLocation: null,
  eolDate: null,
  dependencyLevel: null,
  declaredRto: null,
});

/** The HQ's IT recovery tab, for a member who may write, tracking Member DB; `routes` add to the API. */
async function openTracker(routes: Parameters<typeof fakeApi>[0]) {
  const api = fakeApi({
    'GET /orgs': { body: { items: [] } },
    'GET /incidents/i1': { body: incident },
    'GET /incidents/i1/chronology': { body: { items: [] } },
    'GET /incidents/i1/tracker': {
      body: {
        now: '2026-12-07T01:00:00.000Z',
        systems: [system({ id: 't1', systemId: 'sys-a', name: 'Member DB' })],
      },
    },
    'GET /auth/csrf': { body: { token: 'csrf-1' } },
    ...routes,
  });
  await renderInApp(<HqPage />, {
    permissions: ['incidents.read', 'incidents.write'],
    route: '/incidents/i1',
    path: '/incidents/:id',
  });
  fireEvent.click(await screen.findByRole('tab', { name: 'IT recovery' }));
  return api;
}

describe('HQ recovery tracker, adding a system', () => {
  it('offers the inventory systems not yet tracked and adds the one chosen', async () => {
    const api = await openTracker({
      'GET /inventory/systems?limit=200': {
        body: {
          items: [inventorySystem('sys-a', 'Member DB'), inventorySystem('sys-b', 'Accounting')],
          nextCursor: null,
        },
      },
      'POST /incidents/i1/tracker': { status: 201, body: { now: '2026-12-07T01:00:00.000Z', systems: [] } },
    });
    const list = await pickOption(
      await screen.findByRole('combobox', { name: 'System to track' }),
      'Accounting',
    );
    expect(within(list).queryByRole('option', { name: 'Member DB', hidden: true })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add to the tracker' }));
    await waitFor(() => expect(api.sent.some((r) => r.method === 'POST')).toBe(true));
    expect(api.sent.find((r) => r.method === 'POST')?.body).toEqual({ systemId: 'sys-b' });
  });

  it('takes a system off the tracker after asking, saying what goes with it', async () => {
    const api = await openTracker({
      'GET /inventory/systems?limit=200': { body: { items: [], nextCursor: null } },
      'DELETE /incidents/tracker/t1': { body: { now: '2026-12-07T01:00:00.000Z', systems: [] } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Member DB from the tracker' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Member DB from the tracker?' });
    expect(dialog).toHaveTextContent('the audit log keeps them');
    expect(api.sent.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove from tracker' }));
    await waitFor(() =>
      expect(api.sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
        '/incidents/tracker/t1',
      ]),
    );
  });
});
