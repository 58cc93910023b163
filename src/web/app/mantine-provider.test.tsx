import { Alert, Drawer, Modal } from '@mantine/core';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { applyLanguage } from '../i18n/index.js';
import { renderInApp } from '../test/render.js';

/** Mantine's own icon-only buttons get a name in the current language from the app's provider. */
describe('icon-only buttons drawn by Mantine', () => {
  it('name the × of a dialog, a drawer and an alert, and follow a change of language', async () => {
    await renderInApp(
      <>
        <Modal opened onClose={() => {}} title="A dialog">
          body
        </Modal>
        <Drawer opened onClose={() => {}} title="A drawer">
          body
        </Drawer>
        <Alert withCloseButton title="A notice" onClose={() => {}}>
          body
        </Alert>
      </>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'A dialog' });
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeVisible();
    const drawer = screen.getByRole('dialog', { name: 'A drawer' });
    expect(within(drawer).getByRole('button', { name: 'Close' })).toBeVisible();
    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('button', { name: 'Close' })).toBeVisible();

    await act(() => applyLanguage('ja'));
    expect(await within(dialog).findByRole('button', { name: '閉じる' })).toBeVisible();
    expect(within(drawer).getByRole('button', { name: '閉じる' })).toBeVisible();
    expect(within(alert).getByRole('button', { name: '閉じる' })).toBeVisible();
    await act(() => applyLanguage('en'));
  });
});
