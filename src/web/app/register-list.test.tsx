import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../test/render.js';
import { ApiError } from './api.js';
import { listWords } from './feature-words.js';
import { EditDrawer, RegisterResults } from './register-list.js';

/**
 * A register's results as a user meets them (with the people register's words): loading, a
 * failure with "try again", nothing yet, nothing matching, the count and "show more", a refusal
 * about a row, and the drawer a row is edited in.
 */

interface QueryState {
  isPending?: boolean;
  isError?: boolean;
  error?: unknown;
  hasNextPage?: boolean;
}

function People({
  state = {},
  names = [],
  narrowed = false,
  rowError = null,
  calls = { refetch: 0, fetchNextPage: 0, clearError: 0 },
}: {
  state?: QueryState;
  names?: string[];
  narrowed?: boolean;
  rowError?: string | null;
  calls?: { refetch: number; fetchNextPage: number; clearError: number };
}) {
  const { t } = useTranslation();
  const query = {
    isPending: false,
    isError: false,
    error: null,
    hasNextPage: false,
    ...state,
    isFetching: false,
    isFetchingNextPage: false,
    refetch: () => calls.refetch++,
    fetchNextPage: () => calls.fetchNextPage++,
  };
  return (
    <RegisterResults
      label="People"
      rowError={{ error: rowError, clearError: () => calls.clearError++ }}
      query={query}
      count={names.length}
      narrowed={narrowed}
      empty="No people yet."
      words={listWords(t, 'people')}
    >
      <ul>
        {names.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </RegisterResults>
  );
}

const calls = () => ({ refetch: 0, fetchNextPage: 0, clearError: 0 });

describe('register results', () => {
  it('while loading, says so to screen readers and shows no rows', async () => {
    await renderInApp(<People state={{ isPending: true }} names={['Aiko']} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByText('Aiko')).toBeNull();
  });

  it('when loading failed, says why and tries again on request', async () => {
    const seen = calls();
    await renderInApp(
      <People state={{ isError: true, error: new ApiError(0, 'network_error') }} calls={seen} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This could not be shown');
    expect(alert.textContent).toContain('Cannot reach the server. Check your network connection.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(seen.refetch).toBe(1);
  });

  it('tells “nothing yet” from “nothing matches”', async () => {
    const { unmount } = await renderInApp(<People />);
    expect(screen.getByText('No people yet.').tagName).toBe('P');
    unmount();
    await renderInApp(<People narrowed />);
    expect(screen.getByText('No one matches. Try other words or filters.').tagName).toBe('P');
    expect(screen.queryByText('No people yet.')).toBeNull();
  });

  it('counts the rows in a named region and loads more while the server has more', async () => {
    const seen = calls();
    await renderInApp(<People names={['Aiko', 'Ben']} state={{ hasNextPage: true }} calls={seen} />);
    const region = screen.getByRole('region', { name: 'People' });
    expect(region.querySelectorAll('li')).toHaveLength(2);
    expect(screen.getByRole('status').textContent).toBe('2 people shown (more below)');
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(seen.fetchNextPage).toBe(1);
  });

  it('without more to load, shows the plain count and no “show more”', async () => {
    await renderInApp(<People names={['Aiko']} />);
    expect(screen.getByRole('status').textContent).toBe('1 person shown');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('shows a refusal about a row above the list, closable', async () => {
    const seen = calls();
    await renderInApp(<People names={['Aiko']} rowError="Aiko is still named in a plan." calls={seen} />);
    expect(screen.getByRole('alert').textContent).toContain('Aiko is still named in a plan.');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(seen.clearError).toBe(1);
  });
});

/** A register with its add and edit buttons and the drawer they open. */
function Register() {
  const [editing, setEditing] = useState<{ name: string } | 'new' | null>(null);
  return (
    <>
      <button type="button" onClick={() => setEditing('new')}>
        Add
      </button>
      <button type="button" onClick={() => setEditing({ name: 'Aiko' })}>
        Edit Aiko
      </button>
      <EditDrawer
        editing={editing}
        onClose={() => setEditing(null)}
        addTitle="Add person"
        editTitle={(p) => `Edit ${p.name}`}
      >
        {(item) => <p>{item ? `Form for ${item.name}` : 'Empty form'}</p>}
      </EditDrawer>
    </>
  );
}

describe('edit drawer', () => {
  it('opens titled for a new row or the row being edited, and closes', async () => {
    const user = userEvent.setup();
    await renderInApp(<Register />);
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('dialog', { name: 'Add person' })).textContent).toContain('Empty form');

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Edit Aiko' }));
    expect((await screen.findByRole('dialog', { name: 'Edit Aiko' })).textContent).toContain('Form for Aiko');
  });
});
