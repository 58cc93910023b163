import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi, renderInApp } from '../../test/render.js';
import { ForgotPasswordPage } from './forgot-password-page.js';
import { ResetPasswordPage } from './reset-password-page.js';

/** A reset link that can no longer be used says so before any form; without mail, who can help. */

const renderReset = (token: string) =>
  renderInApp(
    <Routes>
      <Route path="/reset/:token" element={<ResetPasswordPage />} />
    </Routes>,
    { route: `/reset/${token}` },
  );

describe('reset password page', () => {
  it.each([
    ['used', 'This link has already been used'],
    ['expired', 'This link has expired'],
    ['unknown', 'This link does not work'],
  ] as const)('a %s link shows why and where to get a new one, and no form', async (status, title) => {
    fakeApi({
      [`GET /password-reset/tok-${status}`]:
        status === 'unknown'
          ? { status: 404, body: { status: 404, code: 'reset_link_invalid', title: 'Not Found' } }
          : { body: { status } },
    });
    await renderReset(`tok-${status}`);
    expect((await screen.findByRole('alert')).textContent).toContain(title);
    expect(screen.getByRole('link', { name: 'Get a new link' }).getAttribute('href')).toBe(
      '/forgot-password',
    );
    expect(screen.queryByLabelText(/New password/)).toBeNull();
  });

  it('a valid link shows the form', async () => {
    fakeApi({ 'GET /password-reset/tok-ok': { body: { status: 'valid' } } });
    await renderReset('tok-ok');
    expect(await screen.findByRole('button', { name: 'Save the new password' })).toBeVisible();
  });
});

describe('forgot password page', () => {
  it('without mail, names who can help instead of asking for an address', async () => {
    fakeApi({ 'GET /password-reset-requests/options': { body: { byEmail: false } } });
    await renderInApp(<ForgotPasswordPage />);
    expect(await screen.findByText('This server cannot send mail')).toBeVisible();
    expect(screen.getByText(/keizoku reset-password --email/)).toBeVisible();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('with mail, sends the address and answers the same whatever it was', async () => {
    const api = fakeApi({
      'GET /password-reset-requests/options': { body: { byEmail: true } },
      'GET /auth/csrf': { body: { token: 'csrf-1' } },
      'POST /password-reset-requests': { status: 202, body: { byEmail: true } },
    });
    await renderInApp(<ForgotPasswordPage />);
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /Email/ }), 'someone@example.jp');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByText('Check your mail')).toBeVisible();
    expect(api.sent.find((r) => r.method === 'POST')?.body).toEqual({ email: 'someone@example.jp' });
  });
});
