import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RtoValue } from '../../../shared/inventory.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { RtoFixForm } from './rto-fix-form.js';

/**
 * The inversion fix form shows a time in the unit it was saved in (a promise of 24 hours reads
 * "24 hours", not "1 day"), and saving it unchanged sends back exactly what was read.
 */

const PATH = '/inventory/systems/sys-1';
const LABEL = 'Expected recovery time of “NAS”';

function serve(declaredRto: RtoValue) {
  return fakeApi({
    [`GET ${PATH}`]: { body: { id: 'sys-1', name: 'NAS', declaredRto, version: 4 }, etag: '"4"' },
    'GET /auth/csrf': { body: { token: 'csrf-1' } },
    [`PATCH ${PATH}`]: { body: { id: 'sys-1', version: 5 } },
  });
}

async function renderForm() {
  await renderInApp(<RtoFixForm node={{ id: 'sys-1', type: 'system' }} name="NAS" onClose={() => {}} />, {
    permissions: ['inventory.read', 'inventory.write'],
  });
  const amount = await screen.findByRole('textbox', { name: `${LABEL}: amount` });
  const unit = screen.getByRole('combobox', { name: `${LABEL}: unit` });
  return { amount, unit };
}

const patched = (api: ReturnType<typeof serve>) => api.sent.find((r) => r.method === 'PATCH');

describe('RTO fix form', () => {
  it('shows 24 hours saved in hours as 24 hours and sends it back unchanged', async () => {
    const api = serve({ kind: 'duration', minutes: 1440, unit: 'hours' });
    const { amount, unit } = await renderForm();
    expect((amount as HTMLInputElement).value).toBe('24');
    expect((unit as HTMLInputElement).value).toBe('hours');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('button', { name: 'Save' });
    expect(patched(api)?.body).toEqual({ declaredRto: { kind: 'duration', minutes: 1440, unit: 'hours' } });
    expect(patched(api)?.headers['if-match']).toBe('"4"');
  });

  it('shows a time saved without a unit in the largest whole unit, and keeps the unit typed', async () => {
    const api = serve({ kind: 'duration', minutes: 2 * 1440 });
    const { amount, unit } = await renderForm();
    expect((amount as HTMLInputElement).value).toBe('2');
    expect((unit as HTMLInputElement).value).toBe('days');
    await userEvent.clear(amount);
    await userEvent.type(amount, '3');
    expect((unit as HTMLInputElement).value).toBe('days');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('button', { name: 'Save' });
    expect(patched(api)?.body).toEqual({
      declaredRto: { kind: 'duration', minutes: 3 * 1440, unit: 'days' },
    });
  });
});
