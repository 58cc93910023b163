import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Contact, RecoveryContent } from '../../../shared/recovery.js';
import { fakeApi, renderInApp, validationFailed } from '../../test/render.js';
import { ContactsSection } from './contacts-section.js';

/** Owners and contacts edited in place: a row's form sends only what changed, under If-Match. */

const text = (ja: string, en: string) => ({ ja, en });

const content: RecoveryContent = {
  incidents: [],
  targets: [
    { id: 'power', source: '001', label: text('電源', 'Power'), hint: text('電源設備', 'Power equipment') },
    { id: 'systems', source: '001', label: text('システム', 'Systems'), hint: text('基幹', 'Core systems') },
  ],
  templates: { phase1: [], phase2: [], degradedNote: { source: '001', text: text('', '') } },
  firstResponse: { steps: [], leak: { source: '001', intro: text('', ''), notices: [] } },
};

const HEAD = '01a24de3-0000-7000-8000-000000000001';

const power: Contact = {
  id: 'c1',
  target: 'power',
  targetNote: '空調機',
  ownerPersonId: HEAD,
  ownerText: null,
  contactPersonIds: [],
  contactSupplierIds: [],
  note: null,
  names: { [HEAD]: '総務部長' },
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
};

function serve(patch: (body: unknown) => { status?: number; body: unknown }) {
  let listed = power; // what the page read
  let current = power; // what the server has now
  const api = fakeApi({
    'GET /recovery/contacts': () => ({ body: { items: [listed] } }),
    'GET /recovery/contacts/c1': () => ({ body: current, etag: `"${current.version}"` }),
    'GET /people?limit=200': {
      body: {
        items: [
          {
            id: HEAD,
            employeeNumber: null,
            name: '総務部長',
            nameKana: null,
            email: null,
            phone: null,
            chatHandle: null,
            siteId: null,
            departmentId: null,
            homePrefecture: null,
            employmentStatus: 'full_time',
            note: null,
            archivedAt: null,
            createdAt: '2026-12-01T00:00:00.000Z',
            updatedAt: '2026-12-01T00:00:00.000Z',
            version: 1,
          },
        ],
        nextCursor: null,
      },
    },
    'GET /inventory/graph': { body: { nodes: [], edges: [] } },
    'GET /auth/csrf': { body: { token: 'csrf-1' } },
    'PATCH /recovery/contacts/c1': (req) => {
      const answer = patch(req.body);
      if (!answer.status || answer.status < 400) {
        current = answer.body as Contact;
        listed = current;
      }
      return answer;
    },
  });
  return {
    ...api,
    /** Another user saves `contact` on the server, after the list was read. */
    latest: (contact: Contact) => {
      current = contact;
    },
  };
}

async function openEdit() {
  const user = userEvent.setup();
  const edit = await screen.findByRole(
    'button',
    { name: 'Edit the row “Power（空調機）”' },
    { timeout: 5000 },
  );
  await user.click(edit);
  const dialog = await screen.findByRole('dialog', { name: 'Owner and contacts for “Power（空調機）”' });
  return { user, dialog };
}

describe('ContactsSection', { timeout: 30_000 }, () => {
  it('edits a row in place: only the changed fields, with the version read', async () => {
    const api = serve((body) => ({ body: { ...power, ...(body as object), version: 2 } }));
    await renderInApp(<ContactsSection content={content} lang="en" />, { permissions: ['inventory.write'] });
    const { user, dialog } = await openEdit();
    const details = within(dialog).getByLabelText('Details (optional)');
    expect((details as HTMLInputElement).value).toBe('空調機');
    await user.clear(details);
    await user.click(details);
    await user.paste('電源設備・空調機');
    await user.click(within(dialog).getByLabelText('Notes'));
    await user.paste('停電時は非常用発電機');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(api.sent.map((r) => r.method)).toContain('PATCH'), { timeout: 5000 });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const patch = api.sent.find((r) => r.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe('"1"');
    expect(patch?.body).toEqual({ targetNote: '電源設備・空調機', note: '停電時は非常用発電機' });
    expect(await screen.findByText('Power（電源設備・空調機）')).toBeTruthy();
    expect(screen.getByText('停電時は非常用発電機')).toBeTruthy();
  });

  it('shows a refused field in the recovery plan’s words and keeps what was typed', async () => {
    serve(() => validationFailed({ path: ['ownerPersonId'], code: 'unknown_person' }));
    await renderInApp(<ContactsSection content={content} lang="en" />, { permissions: ['inventory.write'] });
    const { user, dialog } = await openEdit();
    await user.click(within(dialog).getByLabelText('Notes'));
    await user.paste('メモ');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('This person is not in the directory.')).toBeTruthy();
    expect((within(dialog).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('メモ');
  });

  it('says when someone else saved the row first, and reloads keeping what was typed', async () => {
    // Someone else saved version 2 (new details) after this page read version 1.
    const theirs: Contact = { ...power, targetNote: '電源設備・空調機', version: 2 };
    const api = serve(() => ({
      status: 412,
      body: { type: 'about:blank', title: 'Precondition Failed', status: 412, code: 'version_conflict' },
    }));
    api.latest(theirs);
    await renderInApp(<ContactsSection content={content} lang="en" />, { permissions: ['inventory.write'] });
    const { user, dialog } = await openEdit();
    await user.click(within(dialog).getByLabelText('Notes'));
    await user.paste('私のメモ');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('Someone else saved this row while you were editing it.'),
    ).toBeTruthy();
    expect(api.sent.find((r) => r.method === 'PATCH')?.headers['if-match']).toBe('"1"');
    // Saving stays off until the latest version is loaded.
    expect((within(dialog).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(
      within(dialog).getByRole('button', { name: 'Load the latest (keeping what you typed)' }),
    );
    await waitFor(() => expect(within(dialog).queryByText(/Someone else saved/)).toBeNull());
    expect(api.sent.map((r) => `${r.method} ${r.path}`)).toContain('GET /recovery/contacts/c1');
    // What was typed stays; the field left alone takes the other person's value.
    expect((within(dialog).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('私のメモ');
    expect((within(dialog).getByLabelText('Details (optional)') as HTMLInputElement).value).toBe(
      '電源設備・空調機',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.sent.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    const again = api.sent.filter((r) => r.method === 'PATCH')[1];
    expect(again?.headers['if-match']).toBe('"2"');
    expect(again?.body).toEqual({ note: '私のメモ' });
  });

  it('offers no edit to a reader', async () => {
    serve(() => ({ body: power }));
    await renderInApp(<ContactsSection content={content} lang="en" />, { permissions: [] });
    expect(await screen.findByText('Power（空調機）')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Edit the row/ })).toBeNull();
  });
});
