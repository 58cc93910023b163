import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incidents.js';
import type { Person } from '../../../shared/people.js';
import { anIncident } from '../../test/incidents.js';
import { fakeApi, pickOption, renderInApp, validationFailed } from '../../test/render.js';
import { HqPage } from './hq-page.js';
import { RosterSection } from './roster-section.js';

/**
 * The HQ roster edited on the page: a person of the organization added with a role and shift, a
 * member's role and shift changed under If-Match, a change someone made first said in words and
 * reloaded, the server's field issues translated on the field, and nothing editable once closed.
 */

const SATO = 'p-sato';
const TANAKA = 'p-tanaka';

const person = (id: string, name: string): Person => ({
  id,
  employeeNumber: null,
  name,
  nameKana: null,
  email: null,
  phone: null,
  chatHandle: null,
  siteId: null,
  siteName: null,
  departmentId: null,
  departmentName: null,
  homePrefecture: null,
  employmentStatus: 'full_time',
  archivedAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
});

const incident = anIncident({
  roster: [{ id: 'r1', personId: SATO, personName: 'Sato', role: 'chief', onShift: true, version: 3 }],
});

function serve(routes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    'GET /people?limit=200': {
      body: { items: [person(SATO, 'Sato'), person(TANAKA, 'Tanaka')], nextCursor: null },
    },
    'GET /auth/csrf': { body: { token: 'csrf-1' } },
    ...routes,
  });
}

const render = (i: Incident = incident) =>
  renderInApp(<RosterSection incident={i} />, { permissions: ['incidents.read', 'incidents.write'] });

describe('RosterSection', { timeout: 30_000 }, () => {
  it('adds a person of the organization with an HQ role, off shift', async () => {
    const api = serve({ 'POST /incidents/i1/roster': { status: 201, body: incident } });
    await render();
    const user = userEvent.setup();
    await pickOption(screen.getByRole('combobox', { name: /^Name/ }), 'Tanaka');
    // Sato is on the roster already: only Tanaka is offered.
    expect(screen.queryByRole('option', { name: 'Sato', hidden: true })).toBeNull();
    await pickOption(screen.getByRole('combobox', { name: 'Role' }), 'IT recovery team');
    await user.click(screen.getByRole('checkbox', { name: 'On shift from now' }));
    await user.click(screen.getByRole('button', { name: 'Add to the roster' }));
    await waitFor(() => expect(api.sent.some((r) => r.method === 'POST')).toBe(true));
    expect(api.sent.find((r) => r.method === 'POST')?.body).toEqual({
      personId: TANAKA,
      role: 'it_recovery',
      onShift: false,
    });
  });

  it("shows the server's field issue on the person field, translated", async () => {
    serve({
      'POST /incidents/i1/roster': validationFailed({ path: ['personId'], code: 'unknown_person' }),
    });
    await render();
    const user = userEvent.setup();
    await pickOption(screen.getByRole('combobox', { name: /^Name/ }), 'Tanaka');
    await user.click(screen.getByRole('button', { name: 'Add to the roster' }));
    expect(await screen.findByText('This person is not in the directory.')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /^Name/ }).getAttribute('aria-invalid')).toBe('true'),
    );
  });

  it("changes a member's role and shift with the version read", async () => {
    const api = serve({ 'PATCH /incidents/roster/r1': { body: incident } });
    await render();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Take Sato off shift' }));
    await waitFor(() => expect(api.sent.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Role of Sato' })).toBeTruthy());
    await pickOption(screen.getByRole('combobox', { name: 'Role of Sato' }), 'Deputy head');
    await waitFor(() => expect(api.sent.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    const [shift, role] = api.sent.filter((r) => r.method === 'PATCH');
    expect(shift?.body).toEqual({ onShift: false });
    expect(shift?.headers['if-match']).toBe('"3"');
    expect(role?.body).toEqual({ role: 'deputy' });
    expect(role?.headers['if-match']).toBe('"3"');
  });

  it('says so when someone changed the member first, and reloads the HQ', async () => {
    const api = serve({
      'GET /orgs': { body: { items: [] } },
      'GET /incidents/i1': { body: incident, etag: '"1"' },
      'GET /incidents/i1/chronology': { body: { items: [] } },
      'PATCH /incidents/roster/r1': {
        status: 412,
        body: { type: 'about:blank', title: 'Precondition Failed', status: 412, code: 'version_conflict' },
      },
    });
    await renderInApp(<HqPage />, {
      permissions: ['incidents.read', 'incidents.write'],
      route: '/incidents/i1',
      path: '/incidents/:id',
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'Roster' }));
    const reads = () => api.sent.filter((r) => r.method === 'GET' && r.path === '/incidents/i1').length;
    const before = reads();
    await user.click(await screen.findByRole('button', { name: 'Take Sato off shift' }));
    expect(
      await screen.findByText('Someone else changed this first. Load the latest version, then save again.'),
    ).toBeTruthy();
    await waitFor(() => expect(reads()).toBeGreaterThan(before));
  });

  it('is read-only once the incident is closed', async () => {
    serve();
    await render({ ...incident, status: 'closed', closedAt: '2026-12-08T00:00:00.000Z' });
    expect(screen.getByText('This incident is closed; the roster can no longer be changed.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add to the roster' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Take Sato off shift' })).toBeNull();
    expect(screen.getAllByText('Head of HQ').length).toBeGreaterThan(0);
  });
});
