import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, renderInApp } from '../../test/render.js';
import { FilesSection } from './files-section.js';

/** A refused import lists every problem: an item by its measure, an asset row by sheet and row. */

async function importFile() {
  const user = userEvent.setup();
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  await user.upload(input, new File(['x'], 'sheet.xlsx'));
  await user.click(screen.getByRole('button', { name: 'Import' }));
}

describe('FilesSection', { timeout: 30_000 }, () => {
  it('names an item by its measure and an asset row by its sheet and row', async () => {
    fakeApi({
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'POST /assessments/a1/import': {
        status: 400,
        body: {
          type: 'about:blank',
          title: 'invalid',
          status: 400,
          code: 'validation_failed',
          issues: [
            {
              path: ['telework/rdp-off', 'reason'],
              code: 'decision_reason_required',
              params: { itemId: 'telework/rdp-off', item_ja: 'RDPを止める', item_en: 'Turn RDP off' },
            },
            {
              path: ['assets', 5, 'kind'],
              code: 'asset_kind_invalid',
              params: { sheet: '情報資産', row: 5, value: 'サーバー' },
            },
          ],
        },
      },
    });
    await renderInApp(<FilesSection id="a1" write />, { permissions: ['inventory.write'] });
    await importFile();
    const alert = await screen.findByRole('alert');
    await waitFor(() =>
      expect(alert.textContent).toContain('Item "Turn RDP off": write why it is not needed.'),
    );
    expect(alert.textContent).toContain('Sheet "情報資産", row 5: "サーバー" is not a kind.');
    expect(alert.textContent).not.toContain('telework/rdp-off');
  });

  it('says how many items and assets an import changed', async () => {
    fakeApi({
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'POST /assessments/a1/import': {
        body: { updated: 3, unchanged: 56, assetsAdded: 2, assetsUpdated: 1 },
      },
    });
    await renderInApp(<FilesSection id="a1" write />, { permissions: ['inventory.write'] });
    await importFile();
    expect((await screen.findByText(/3 items updated/)).textContent).toContain(
      'Information assets: 2 added, 1 updated.',
    );
  });
});
