import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../test/render.js';
import { YenAmount, YenInput } from './money.js';

/** A yen field as a form holds it: what is stored is shown beside it, as the form would send it. */
function Field({ start = null }: { start?: number | null }) {
  const [stored, setStored] = useState<number | null>(start);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <YenInput
        label="Annual sales"
        max={1_000_000_000_000}
        value={stored}
        onChange={setStored}
        onProblem={setProblem}
      />
      <output data-testid="stored">{stored === null ? 'none' : String(stored)}</output>
      <output data-testid="problem">{problem ?? 'none'}</output>
    </>
  );
}

const field = () => screen.getByRole('textbox', { name: 'Annual sales' });

describe('YenInput', () => {
  it.each([
    ['3億', 300_000_000],
    ['2,740万', 27_400_000],
    ['１．５億円', 150_000_000],
    ['¥ 300,000', 300_000],
    ['1億2000万', 120_000_000],
  ])('stores %s as %d yen exactly and says so under the field', async (typed, yen) => {
    await renderInApp(<Field />);
    await userEvent.type(field(), typed);
    expect(screen.getByTestId('stored').textContent).toBe(String(yen));
    expect(field()).toHaveProperty('value', typed);
    expect(field().getAttribute('aria-describedby')).toMatch(/^\S+( \S+)*$/);
    const hint = document.getElementById(field().getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    expect(hint?.textContent).toContain(`¥${yen.toLocaleString('en-US')}`);
  });

  it('refuses "abc" with the message, keeps the text and stores nothing else', async () => {
    await renderInApp(<Field start={5_000} />);
    await userEvent.clear(field());
    await userEvent.type(field(), 'abc');
    await userEvent.tab();
    expect(field()).toHaveProperty('value', 'abc');
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/This is not an amount\./)).toBeVisible();
    expect(screen.getByTestId('problem').textContent).toBe('yen_not_a_number');
    // Cleared first (stored: none), then the unreadable text changed nothing.
    expect(screen.getByTestId('stored').textContent).toBe('none');
  });

  it.each([
    ['3億円くらい', /This is not an amount\./, 'yen_not_a_number'],
    ['-5万', /cannot be negative/, 'yen_negative'],
    ['1.5', /fraction of a yen/, 'yen_fraction'],
    ['2兆', /too large\. Please enter at most ¥1,000B/, 'yen_too_large'],
  ])('refuses %s with its reason', async (typed, message, problem) => {
    await renderInApp(<Field start={7} />);
    await userEvent.clear(field());
    await userEvent.type(field(), typed);
    await userEvent.tab();
    expect(screen.getByText(message)).toBeVisible();
    expect(screen.getByTestId('problem').textContent).toBe(problem);
    expect(field()).toHaveProperty('value', typed);
  });

  it('shows a stored amount with its digits, and takes it back unchanged', async () => {
    await renderInApp(<Field start={27_400_000} />);
    expect(field()).toHaveProperty('value', '27,400,000');
    await userEvent.tab();
    expect(screen.getByTestId('stored').textContent).toBe('27400000');
  });
});

describe('YenAmount', () => {
  it('reads like an owner reads it, with the exact figure for hover, focus and screen readers', async () => {
    await renderInApp(<YenAmount value={27_400_000} />);
    const amount = screen.getByText('¥27.4M');
    expect(amount.getAttribute('title')).toBe('¥27,400,000');
    expect(amount.textContent).toBe('¥27.4M（¥27,400,000）');
    expect(amount.tabIndex).toBe(0);
  });
});
