import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../../shared/assessment.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { ManageAssessment } from './manage.js';

/** Renaming an assessment under If-Match, and deleting it after saying what goes with it. */

const assessment: Assessment = {
  id: 'a1',
  title: '2026年度 テレワーク自己評価',
  assessedOn: '2026-12-01',
  checklists: [{ id: 'telework', version: 1, title: { ja: 'テレワーク', en: 'Telework' } }],
  itemCount: 60,
  decided: 12,
  percent: 40,
  openActions: 3,
  overdueActions: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 4,
  categories: [],
  items: [],
  dropped: [],
  today: '2026-12-07',
};

const asset = (id: string) => ({
  id,
  kind: 'data',
  name: `顧客名簿 ${id}`,
  secrecy: 'internal',
  mustEncrypt: true,
  systemId: null,
  systemName: null,
  note: null,
  version: 1,
});

describe('ManageAssessment', { timeout: 30_000 }, () => {
  it('renames with the version read, sending only what changed', async () => {
    const api = fakeApi({
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'PATCH /assessments/a1': (req) => ({
        body: { ...assessment, ...(req.body as object), version: 5 },
        etag: '"5"',
      }),
    });
    await renderInApp(<ManageAssessment assessment={assessment} />, { permissions: ['inventory.write'] });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Rename or change date' }));
    const dialog = await screen.findByRole('dialog', { name: 'Name and date of the assessment' });
    const name = within(dialog).getByLabelText(/Name/);
    await user.clear(name);
    await user.type(name, '2026年度 見直し版');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const patch = api.sent.find((r) => r.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe('"4"');
    expect(patch?.body).toEqual({ title: '2026年度 見直し版' });
  });

  it('says when someone else renamed it first, and saves again on the latest version', async () => {
    let version = 4;
    const api = fakeApi({
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'GET /assessments/a1': () => ({
        body: { ...assessment, assessedOn: '2026-11-30', version: 6 },
        etag: '"6"',
      }),
      'PATCH /assessments/a1': (req) => {
        if (req.headers['if-match'] !== `"${version}"`)
          return { status: 412, body: { code: 'version_conflict', status: 412, title: 'conflict' } };
        return { body: { ...assessment, ...(req.body as object), version: version + 1 } };
      },
    });
    version = 6; // another person saved twice since the page was read
    await renderInApp(<ManageAssessment assessment={assessment} />, { permissions: ['inventory.write'] });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Rename or change date' }));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByLabelText(/Name/);
    await user.clear(name);
    await user.type(name, '見直し版');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText(/Someone else changed the name or date/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /Load the latest/ }));
    await waitFor(() =>
      expect((within(dialog).getByLabelText(/Assessed on/) as HTMLInputElement).value).toBe('2026-11-30'),
    );
    expect((within(dialog).getByLabelText(/Name/) as HTMLInputElement).value).toBe('見直し版');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const patches = api.sent.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.headers['if-match'])).toEqual(['"4"', '"6"']);
    expect(patches[1]?.body).toEqual({ title: '見直し版' });
  });

  it('says what deleting loses before it deletes', async () => {
    const api = fakeApi({
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'GET /assessments/a1/assets': { body: { items: [asset('x1'), asset('x2')] } },
      'DELETE /assessments/a1': { status: 204, body: null },
    });
    await renderInApp(<ManageAssessment assessment={assessment} />, { permissions: ['inventory.write'] });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete this assessment' }));
    const dialog = await screen.findByRole('dialog', { name: `Delete "${assessment.title}"?` });
    expect(within(dialog).getByText(/12 decided/)).toBeTruthy();
    expect(within(dialog).getByText(/3 still open/)).toBeTruthy();
    expect(await within(dialog).findByText(/2 registered/)).toBeTruthy();
    expect(api.sent.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.sent.some((r) => r.method === 'DELETE')).toBe(true));
  });
});
