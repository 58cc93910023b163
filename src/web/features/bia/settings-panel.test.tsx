import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BiaContent, BiaSettings } from '../../../shared/bia-api.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { SettingsPanel } from './settings-panel.js';

/**
 * The BIA settings editor as a user meets it: the saved matrix and RTO table, a cell changed and
 * saved with the version it started from, and someone else's save in between.
 */

const hours = (h: number) => ({ kind: 'duration' as const, minutes: h * 60 });
const RTO_TABLE = { S: hours(4), A: hours(24), B: hours(72), C: hours(168), D: { kind: 'not_set' as const } };

const saved: BiaSettings = {
  scale: 3,
  // matrix[dependency - 1][importance - 1]
  matrix: [
    ['C', 'B', 'A'],
    ['B', 'A', 'S'],
    ['A', 'S', 'S'],
  ],
  rtoPreset: 'example-1',
  rtoTable: RTO_TABLE,
  levelDefinitions: null,
  version: 1,
  updatedAt: '2026-12-01T00:00:00.000Z',
};

const text = (en: string) => ({ ja: en, en });
const levels = [3, 2, 1].map((level) => ({ level, label: text(`Level ${level}`), examples: [] }));
const content: BiaContent = {
  scales: [{ scale: 3, title: text('Three levels'), importance: levels, dependency: levels, note: null }],
  matrices: [
    {
      id: 'flat',
      title: text('Everything B'),
      rule: text('Every cell B'),
      matrix: { scale: 3, cells: [0, 1, 2].map(() => ['B', 'B', 'B'] as const).map((r) => [...r]) },
    },
  ],
  rtoTables: [{ id: 'example-1', title: text('Example 1'), table: RTO_TABLE }],
  rtoStates: { risk_accepted: text('Risk accepted'), not_set: text('Not set'), at_least: text('At least') },
};

const cell = (importance: number, dependency: number) =>
  screen.getByRole('combobox', { name: `Priority for importance ${importance}, reliance ${dependency}` });

describe('BIA settings editor', () => {
  it('shows the saved matrix, read-only and without a save button for a viewer', async () => {
    fakeApi({
      'GET /bia/settings': { body: saved, etag: '"1"' },
      'GET /bia/content': { body: content },
    });
    await renderInApp(<SettingsPanel />, { permissions: ['inventory.read'] });

    expect((await screen.findByRole('heading', { name: 'Priority matrix' })).tagName).toBe('H2');
    expect(cell(3, 3)).toHaveProperty('value', 'S');
    expect(cell(1, 1)).toHaveProperty('value', 'C');
    expect(cell(1, 1)).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
  });

  it('saves a changed cell with the version it started from, and says so', async () => {
    const api = fakeApi({
      'GET /bia/settings': { body: saved, etag: '"1"' },
      'GET /bia/content': { body: content },
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'PATCH /bia/settings': (request) => ({
        body: { ...saved, ...(request.body as object), version: 2 },
        etag: '"2"',
      }),
    });
    const user = userEvent.setup();
    await renderInApp(<SettingsPanel />, { permissions: ['inventory.read', 'inventory.write'] });

    await user.selectOptions(await waitFor(() => cell(1, 1)), 'D');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect((await screen.findByText('BIA settings saved')).textContent).toBe('BIA settings saved');
    const patch = api.sent.find((r) => r.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe('"1"');
    expect(patch?.body).toEqual({
      matrix: [
        ['D', 'B', 'A'],
        ['B', 'A', 'S'],
        ['A', 'S', 'S'],
      ],
      rtoPreset: 'example-1',
    });
  });

  it('a preset fills every cell of the matrix', async () => {
    fakeApi({
      'GET /bia/settings': { body: saved, etag: '"1"' },
      'GET /bia/content': { body: content },
    });
    const user = userEvent.setup();
    await renderInApp(<SettingsPanel />, { permissions: ['inventory.read', 'inventory.write'] });

    await user.click(await screen.findByRole('button', { name: 'Use “Everything B”' }));

    for (const importance of [1, 2, 3])
      for (const dependency of [1, 2, 3]) expect(cell(importance, dependency)).toHaveProperty('value', 'B');
  });

  it('after someone else saved, loads the latest settings with the user’s change kept on top', async () => {
    let settingsVersion = 1;
    const theirs: BiaSettings = {
      ...saved,
      matrix: [
        ['C', 'B', 'A'],
        ['B', 'A', 'S'],
        ['A', 'A', 'S'],
      ],
      version: 2,
    };
    fakeApi({
      'GET /bia/settings': () =>
        settingsVersion === 1 ? { body: saved, etag: '"1"' } : { body: theirs, etag: '"2"' },
      'GET /bia/content': { body: content },
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'PATCH /bia/settings': () => {
        settingsVersion = 2;
        return { status: 409, body: { code: 'version_conflict' } };
      },
    });
    const user = userEvent.setup();
    await renderInApp(<SettingsPanel />, { permissions: ['inventory.read', 'inventory.write'] });

    await user.selectOptions(await waitFor(() => cell(1, 1)), 'D');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const message = await screen.findByText(/^Someone else saved these settings meanwhile/);
    const notice = message.closest<HTMLElement>('[role="alert"]');
    if (!notice) throw new Error('the conflict is not announced as an alert');
    expect(screen.getByRole('button', { name: 'Save settings' })).toHaveProperty('disabled', true);

    await user.click(
      within(notice).getByRole('button', { name: 'Load the latest version (keep my changes)' }),
    );

    const rebased = await screen.findByText(/^The latest version is loaded, with your changes kept on top/);
    expect(rebased.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByText(/^Someone else saved these settings meanwhile/)).toBeNull();
    expect(cell(1, 1)).toHaveProperty('value', 'D'); // mine
    expect(cell(2, 3)).toHaveProperty('value', 'A'); // theirs
    expect(screen.getByRole('button', { name: 'Save settings' })).toHaveProperty('disabled', false);
  });
});
