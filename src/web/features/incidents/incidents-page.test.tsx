import { fireEvent, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../shared/structure.js';
import { fakeApi, pickOption, renderInApp, validationFailed } from '../../test/render.js';
import { IncidentsPage } from './incidents-page.js';

/**
 * The declare form sends when the incident began (now unless changed), the affected sites and
 * prefectures chosen from lists; a field the server refuses shows its translated issue on the field.
 */

const site: Site = {
  id: 's-hq',
  name: 'Head office',
  kind: 'head_office',
  prefectureCode: '33',
  address: null,
  archivedAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
};

/** The input of a field (its dropdown's list carries the same label). */
function inputLabelled(label: RegExp): HTMLElement {
  const input = screen.getAllByLabelText(label).find((el) => el.tagName === 'INPUT');
  if (!input) throw new Error(`no input labelled ${label}`);
  return input;
}

describe('IncidentsPage declare form', { timeout: 30_000 }, () => {
  it('sends began-at, sites and prefectures, and shows the refused field translated', async () => {
    const api = fakeApi({
      'GET /incidents?mode=all': { body: { items: [] } },
      'GET /sites': { body: { items: [site], nextCursor: null } },
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'POST /incidents': validationFailed({ path: ['beganAt'], code: 'began_in_future' }),
    });
    await renderInApp(<IncidentsPage />, { permissions: ['incidents.read', 'incidents.write'] });
    const user = userEvent.setup();
    const began = screen.getByLabelText(/^Began/) as HTMLInputElement;
    // Now by default.
    expect(Math.abs(new Date(began.value).getTime() - Date.now())).toBeLessThan(120_000);
    fireEvent.change(began, { target: { value: '2026-12-07T08:30' } });
    await pickOption(screen.getByRole('combobox', { name: /^Incident type/ }), 'Earthquake');
    await user.click(screen.getByRole('textbox', { name: /^Title/ }));
    await user.paste('Earthquake in Okayama');
    await pickOption(inputLabelled(/^Affected sites/), 'Head office');
    await pickOption(inputLabelled(/^Affected prefectures/), 'Okayama');
    await user.click(screen.getByRole('button', { name: 'Declare and set up the headquarters' }));

    await waitFor(() => expect(api.sent.some((r) => r.method === 'POST')).toBe(true));
    expect(api.sent.find((r) => r.method === 'POST')?.body).toEqual({
      type: 'earthquake',
      mode: 'real',
      title: 'Earthquake in Okayama',
      beganAt: new Date('2026-12-07T08:30').toISOString(),
      siteIds: ['s-hq'],
      prefectureCodes: ['33'],
    });
    expect(await screen.findByText('The start time is in the future.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(began));
  });
});
