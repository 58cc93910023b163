import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HomeStepsResponse } from '../../../shared/home.js';
import type { MySafetyRequests } from '../../../shared/safety.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { HomePage } from '../home/home-page.js';

/**
 * The home page puts a signed-in member's unanswered safety request first: a card whose one button
 * opens their own answer page. Answered requests, or none, show no card.
 */

const steps: HomeStepsResponse = {
  items: [{ key: 'drill', state: 'not_started', params: { drills: 0 }, link: '/incidents' }],
  next: 'drill',
};
const request = (answered: boolean, mode: 'real' | 'drill' = 'real'): MySafetyRequests['items'][number] => ({
  incidentId: 'i1',
  incidentTitle: '地震：岡山県 震度5弱',
  mode,
  recipientId: 'r1',
  answered,
});
const home = (mine: MySafetyRequests['items']) =>
  fakeApi({
    'GET /orgs': { body: { items: [] } },
    'GET /home/steps': { body: steps },
    'GET /home/findings': { body: { items: [] } },
    'GET /safety/mine': { body: { items: mine } },
    'GET /auth/csrf': { body: { token: 'csrf-1' } },
    'POST /safety/mine/r1/link': { body: { path: '/a/tok' } },
  });

describe('safety prompt on the home page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks the member to answer, first on the page, and one tap opens their answer page', async () => {
    const assign = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, assign });
    const api = home([request(false, 'drill')]);
    await renderInApp(<HomePage />, { permissions: ['org.read', 'incidents.read'] });
    const card = await screen.findByRole(
      'region',
      { name: 'Please tell us you are safe' },
      { timeout: 5000 },
    );
    expect(within(card).getByText('地震：岡山県 震度5弱')).toBeTruthy();
    expect(within(card).getByText('Drill')).toBeTruthy();
    // It comes before everything else the home page shows.
    const next = await screen.findByRole('region', { name: 'What to do next' });
    expect(card.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Answer now' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/a/tok'));
    expect(api.sent.filter((r) => r.path === '/safety/mine/r1/link')).toHaveLength(1);
  });

  it('shows nothing once answered, or with no request', async () => {
    for (const mine of [[request(true)], []]) {
      const api = home(mine);
      const { unmount } = await renderInApp(<HomePage />, { permissions: ['org.read', 'incidents.read'] });
      await screen.findByRole('region', { name: 'What to do next' }, { timeout: 5000 });
      await waitFor(() => expect(api.sent.some((r) => r.path === '/safety/mine')).toBe(true));
      expect(screen.queryByRole('region', { name: 'Please tell us you are safe' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Answer now' })).toBeNull();
      unmount();
    }
  });

  it('does not ask a member who may not see incidents', async () => {
    const api = home([request(false)]);
    await renderInApp(<HomePage />, { permissions: ['org.read'] });
    await screen.findByRole('region', { name: 'What to do next' }, { timeout: 5000 });
    expect(api.sent.some((r) => r.path === '/safety/mine')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Answer now' })).toBeNull();
  });
});
