import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DAMAGE_CATEGORIES } from '../../../domain/damage.js';
import type { DamagePresets } from '../../../shared/damage.js';
import { fakeApi, renderInApp, validationFailed } from '../../test/render.js';
import { newDraft } from './estimate-draft.js';
import { EstimateForm } from './estimate-form.js';

/**
 * The estimate form as a user meets it: a save refused by the form's own check or by the server
 * puts the focus on the first field in error (the user sees what to fix), and amounts typed as
 * people write them are sent exactly.
 */

const text = (en: string) => ({ ja: en, en });
const presets: DamagePresets = {
  categories: DAMAGE_CATEGORIES.map((id) => ({
    id,
    group: 'cost' as const,
    label: text(`Cost ${id}`),
    help: text(''),
  })),
  presets: [],
};

function answers(extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    'GET /inventory/graph': { body: { nodes: [], edges: [] } },
    'GET /org': {
      body: { id: 'o', name: 'Org', timezone: 'Asia/Tokyo', annualSalesYen: 1_000_000_000, version: 1 },
    },
    'GET /bia': { body: { operations: [], nodes: [] } },
    'GET /auth/csrf': { body: { token: 'csrf-1' } },
    ...extra,
  });
}

async function renderForm() {
  await renderInApp(
    <EstimateForm
      presets={presets}
      estimate={null}
      initial={newDraft(presets, null, 'en')}
      write
      onDone={() => {}}
    />,
    { permissions: ['inventory.read', 'inventory.write'] },
  );
}

describe('estimate form', () => {
  it('focuses the name when saved without one, and sends nothing', async () => {
    const api = answers();
    await renderForm();
    const save = screen.getByRole('button', { name: 'Save' });
    save.focus();
    await userEvent.click(save);
    const name = screen.getByRole('textbox', { name: /Name of the estimate/ });
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(api.sent.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('focuses an amount it cannot read, keeping what was typed', async () => {
    const api = answers();
    await renderForm();
    await userEvent.type(screen.getByRole('textbox', { name: /Name of the estimate/ }), 'Line stop');
    const litigation = screen.getByRole('textbox', { name: 'Cost litigation' });
    await userEvent.type(litigation, '3億円くらい');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.activeElement).toBe(litigation));
    expect(litigation).toHaveProperty('value', '3億円くらい');
    expect(screen.getByText(/This is not an amount\./)).toBeVisible();
    expect(api.sent.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('focuses the field the server refused, and sends 万/億 amounts exactly', async () => {
    const api = answers({
      'POST /damage/estimates': validationFailed({
        path: ['amounts', 'legal_advice'],
        code: 'too_big',
        params: { maximum: 1 },
      }),
    });
    await renderForm();
    await userEvent.type(screen.getByRole('textbox', { name: /Name of the estimate/ }), 'Leak');
    await userEvent.type(screen.getByRole('textbox', { name: 'Cost compensation' }), '2,740万');
    await userEvent.type(screen.getByRole('textbox', { name: 'Cost legal_advice' }), '1.5億');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const legal = screen.getByRole('textbox', { name: 'Cost legal_advice' });
    await waitFor(() => expect(document.activeElement).toBe(legal));
    const post = api.sent.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ amounts: { compensation: 27_400_000, legal_advice: 150_000_000 } });
  });
});
