import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { GlossaryResponse } from '../../shared/glossary.js';
import { fakeApi, renderInApp } from '../test/render.js';
import { GlossaryTerm } from './glossary-term.js';

const GLOSSARY: GlossaryResponse = {
  terms: [
    {
      id: 'rto',
      term: { ja: '目標復旧時間', en: 'target recovery time' },
      abbr: 'RTO',
      explain: {
        ja: 'いつまでに戻すかの目標です。',
        en: 'The time by which stopped work must be running again.',
      },
    },
  ],
};

function Sentence() {
  return (
    <p>
      {/* i18n-ignore: test sentence */}
      Each operation has a <GlossaryTerm id="rto">target recovery time</GlossaryTerm>.
    </p>
  );
}

describe('GlossaryTerm', () => {
  it('opens its explanation when pressed and closes it with Escape, back on the term', async () => {
    const api = fakeApi({ 'GET /glossary': { body: GLOSSARY } });
    await renderInApp(<Sentence />);
    const term = screen.getByRole('button', { name: 'target recovery time' });
    // Nothing is fetched until a term is opened.
    expect(api.sent).toEqual([]);

    await userEvent.click(term);
    // The popover fades in: visible once its transition ends.
    await waitFor(() =>
      expect(screen.getByText('The time by which stopped work must be running again.')).toBeVisible(),
    );
    const dialog = screen.getByRole('dialog', { name: 'target recovery time' });
    expect(screen.getByText('target recovery time (RTO)')).toBeVisible();
    expect(screen.getByRole('link', { name: 'See the whole glossary' }).getAttribute('href')).toBe(
      '/glossary#rto',
    );
    expect(term.getAttribute('aria-expanded')).toBe('true');
    expect(dialog.contains(document.activeElement)).toBe(true);

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(term.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(term);
  });

  it('is reached with Tab and opened with Enter, like a tap on a phone', async () => {
    fakeApi({ 'GET /glossary': { body: GLOSSARY } });
    await renderInApp(<Sentence />);
    await userEvent.tab();
    const term = screen.getByRole('button', { name: 'target recovery time' });
    expect(document.activeElement).toBe(term);
    await userEvent.keyboard('{Enter}');
    // The popover fades in: visible once its transition ends.
    await waitFor(() =>
      expect(screen.getByText('The time by which stopped work must be running again.')).toBeVisible(),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
