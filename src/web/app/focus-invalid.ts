import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** What counts as a field in error: Mantine sets aria-invalid on an input that shows an error. */
const INVALID = '[aria-invalid="true"]';

/**
 * Brings the first field in error into view and focuses it, so the user sees what to fix where
 * they are looking; with no field in error (a message for the whole form), scrolls that message
 * into view instead. Returns whether something was shown.
 */
function focusFirstInvalid(root: ParentNode | null): boolean {
  if (!root) return false;
  const field = root.querySelector<HTMLElement>(INVALID);
  if (field) {
    field.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    field.focus({ preventScroll: true });
    return true;
  }
  const alert = root.querySelector<HTMLElement>('[role="alert"]');
  alert?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  return alert !== null;
}

/**
 * For every form and drawer of the app: put `ref` on the form and call `request()` when a save is
 * refused (the form's own checks, or the server's field issues). The focus moves once React has
 * drawn the errors, so the field found is the first one the user sees in error.
 * @example
 * const invalid = useFocusFirstInvalid<HTMLFormElement>();
 * <form ref={invalid.ref} onSubmit={form.onSubmit(save, invalid.request)}>
 */
export function useFocusFirstInvalid<T extends HTMLElement = HTMLFormElement>(): {
  ref: RefObject<T | null>;
  request: () => void;
} {
  const ref = useRef<T | null>(null);
  const [requested, setRequested] = useState(0);
  useEffect(() => {
    if (requested > 0) focusFirstInvalid(ref.current);
  }, [requested]);
  const request = useCallback(() => setRequested((n) => n + 1), []);
  return { ref, request };
}
