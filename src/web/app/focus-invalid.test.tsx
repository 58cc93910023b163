import { TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../test/render.js';
import { ApiError } from './api.js';
import { ApiForm, useApiErrors } from './forms.js';

/**
 * The shared form frame (every settings, account and sign-in form uses it): a refused save puts
 * the focus on the first field in error, whether the form's own check or the server refused it.
 */
function Sample({ refuse }: { refuse?: ApiError }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { first: 'filled', second: '', third: '' },
    validate: { second: (v: string) => (v.trim() === '' ? 'Please fill this in.' : null) },
  });
  const errors = useApiErrors(form);
  return (
    <ApiForm form={form} errors={errors} onSubmit={() => refuse && errors.show(refuse)}>
      <TextInput label="First" {...form.getInputProps('first')} />
      <TextInput label="Second" {...form.getInputProps('second')} />
      <TextInput label="Third" {...form.getInputProps('third')} />
      <button type="submit">Send</button>
    </ApiForm>
  );
}

describe('focus on the first field in error', () => {
  it("moves to the first field the form's own check refused", async () => {
    await renderInApp(<Sample />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const second = screen.getByRole('textbox', { name: 'Second' });
    await waitFor(() => expect(document.activeElement).toBe(second));
    expect(second.getAttribute('aria-invalid')).toBe('true');
  });

  it('moves to the field the server refused (issues of a problem+json)', async () => {
    const refuse = new ApiError(400, 'validation_failed', {}, [
      { path: ['third'], code: 'too_big', params: { maximum: 3 } },
    ]);
    await renderInApp(<Sample refuse={refuse} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Second' }), 'ok');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const third = screen.getByRole('textbox', { name: 'Third' });
    await waitFor(() => expect(document.activeElement).toBe(third));
    expect(third.getAttribute('aria-invalid')).toBe('true');
  });
});
