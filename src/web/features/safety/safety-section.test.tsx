import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incidents.js';
import type { SafetyOverview, SafetyRecipient } from '../../../shared/safety.js';
import { anIncident } from '../../test/incidents.js';
import { fakeApi, pickOption, renderInApp, validationFailed } from '../../test/render.js';
import { SafetySection } from './safety-section.js';

/**
 * The HQ's safety tab in the owner's words: totals by status, site and department, the people who
 * have not answered first, an answer recorded on someone's behalf, a request sent with its
 * questions and reminders, the server's field issue on the filter, and the drill's answer times.
 */

const incident = anIncident({ type: 'earthquake', mode: 'drill', title: 'Quake drill' });

const recipient = (over: Partial<SafetyRecipient>): SafetyRecipient => ({
  id: 'r',
  personId: 'p',
  name: 'x',
  siteName: 'Head office',
  departmentName: null,
  hasEmail: true,
  status: null,
  firstAnsweredAt: null,
  latest: null,
  sentCount: 1,
  lastSentAt: '2026-12-07T00:05:00.000Z',
  mail: { status: 'sent', reason: null, failedAt: null },
  ...over,
});

const overview: SafetyOverview = {
  incidentId: 'i1',
  mode: 'drill',
  requests: [
    {
      id: 'q1',
      filter: {},
      questions: ['status', 'message'],
      note: null,
      reminders: { count: 2, intervalMinutes: 30, deadlineAt: null, sent: 0, nextAt: null },
      recipients: 2,
      createdAt: '2026-12-07T00:05:00.000Z',
    },
  ],
  totals: { safe: 1, minor_injury: 0, serious_injury: 0, no_answer: 1 },
  bySite: [
    { id: 's1', name: 'Head office', totals: { safe: 1, minor_injury: 0, serious_injury: 0, no_answer: 1 } },
  ],
  byDepartment: [
    { id: null, name: null, totals: { safe: 1, minor_injury: 0, serious_injury: 0, no_answer: 1 } },
  ],
  recipients: [
    recipient({
      id: 'r1',
      name: 'Sato',
      status: 'safe',
      firstAnsweredAt: '2026-12-07T00:09:00.000Z',
      latest: {
        id: 'a1',
        status: 'safe',
        location: null,
        coords: null,
        canWork: null,
        familySafe: null,
        homeDamage: null,
        message: 'All fine',
        proxyBy: null,
        answeredAt: '2026-12-07T00:09:00.000Z',
      },
    }),
    recipient({ id: 'r2', name: 'Tanaka' }),
  ],
  answerTimes: { asked: 2, answered: 1, p25: 4, p50: 4, p75: 4, to80: null },
};

function serve(routes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    'GET /incidents/i1/safety': { body: overview },
    'GET /sites': { body: { items: [], nextCursor: null } },
    'GET /departments': { body: { items: [], nextCursor: null } },
    'GET /auth/csrf': { body: { token: 'csrf-1' } },
    ...routes,
  });
}

const render = (i: Incident = incident) =>
  renderInApp(<SafetySection incident={i} />, { permissions: ['incidents.read', 'incidents.write'] });

describe('SafetySection', { timeout: 30_000 }, () => {
  it('shows totals, the drill’s answer times and the people not answered, and records an answer for one', async () => {
    const api = serve({
      'POST /incidents/i1/safety/recipients/r2/answers': {
        status: 201,
        body: overview.recipients[0]?.latest,
      },
    });
    await render();
    const totals = await screen.findByRole('group', { name: 'Safety totals' });
    expect(within(totals).getByText('Safe: 1')).toBeTruthy();
    expect(within(totals).getByText('No answer: 1')).toBeTruthy();
    expect(screen.getByText('Half answered: 4 minutes')).toBeTruthy();
    expect(screen.getByText('Until 80 % answered: not yet')).toBeTruthy();
    // Only those not answered, at first.
    expect(screen.getByText('Tanaka')).toBeTruthy();
    expect(screen.queryByText('Sato')).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Answer for them' }));
    await pickOption(screen.getByRole('combobox', { name: /^Status/ }), 'Minor injury');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Called: a cut hand');
    await user.click(screen.getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(api.sent.some((r) => r.method === 'POST')).toBe(true));
    expect(api.sent.find((r) => r.method === 'POST')?.body).toEqual({
      status: 'minor_injury',
      message: 'Called: a cut hand',
    });
  });

  it('sends a request with its questions and reminders, and shows the server’s issue on the filter', async () => {
    const api = serve({
      'POST /incidents/i1/safety/requests': validationFailed({ path: ['filter'], code: 'safety_no_people' }),
    });
    await render();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Damage to home' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(
      await screen.findByText('Nobody matches these conditions who has not been asked yet.'),
    ).toBeTruthy();
    const body = api.sent.find((r) => r.method === 'POST')?.body as {
      questions: string[];
      reminders: object;
      filter: object;
    };
    expect(body.questions).not.toContain('home_damage');
    expect(body.questions).toContain('status');
    expect(body.reminders).toEqual({ count: 2, intervalMinutes: 30, deadlineAt: null });
    expect(body.filter).toEqual({
      siteIds: [],
      departmentIds: [],
      prefectureCodes: [],
      employmentStatuses: [],
    });
  });

  it('says whose mail was not delivered, why, and how to fix it', async () => {
    serve({
      'GET /incidents/i1/safety': {
        body: {
          ...overview,
          recipients: [
            recipient({
              id: 'r2',
              name: 'Tanaka',
              mail: { status: 'failed', reason: 'refused', failedAt: null },
            }),
            recipient({ id: 'r3', name: 'Suzuki' }),
          ],
        },
      },
    });
    await render();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Mail did not reach 1 person');
    expect(within(alert).getByRole('link', { name: 'Open the people directory' })).toHaveAttribute(
      'href',
      '/people',
    );
    const badge = screen.getByText('Mail not delivered');
    expect(badge.closest('[title]')).toHaveAttribute('title', 'The address was refused (it may be mistyped)');
    expect(screen.getAllByText('Mail not delivered')).toHaveLength(1);
  });

  it('offers nothing to send or record once the incident is closed', async () => {
    serve();
    await render({ ...incident, status: 'closed' });
    await screen.findByRole('group', { name: 'Safety totals' });
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Answer for them' })).toBeNull();
  });

  it('asks the signed-in member for their own answer when the request reached them too', async () => {
    serve({
      'GET /safety/mine': {
        body: {
          items: [
            {
              incidentId: 'i1',
              incidentTitle: 'Quake drill',
              mode: 'drill',
              recipientId: 'r2',
              answered: false,
            },
          ],
        },
      },
    });
    await render();
    expect(
      await screen.findByText(
        'You are asked too: please answer whether you are safe.',
        {},
        { timeout: 5000 },
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Answer for myself' })).toBeTruthy();
  });
});
