import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { type FormValidateInput, useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import type { FeatureFormErrors } from './feature-issues.js';
import { useFocusFirstInvalid } from './focus-invalid.js';
import { FormError } from './forms.js';
import {
  createPayload,
  differsFromSaved,
  type FormModel,
  isVersionConflict,
  mergeLatest,
  updatePayload,
  type Versioned,
} from './versioned-edit.js';

/**
 * Create or edit one item of a collection with optimistic concurrency. A new item is POSTed to
 * `path`; an edit PATCHes `${path}/${id}` with only the changed fields and `If-Match` set to the
 * version read. When someone else saved first (412 version_conflict) the form says so; `reload`
 * fetches the latest version, keeps what the user changed and takes the saved value elsewhere,
 * and `savedNow(field)` then tells which fields show something other than what is saved.
 */
export function useVersionedForm<T extends Versioned, V extends Record<string, unknown>>({
  model,
  item,
  path,
  validate,
  errorsOf,
  onSaved,
}: {
  model: FormModel<T, V>;
  item: T | null;
  path: string;
  validate?: FormValidateInput<V>;
  /** Field messages and the form message for a refused save. */
  errorsOf: (err: unknown, fields: readonly string[]) => FeatureFormErrors;
  onSaved: (saved: T, created: boolean) => Promise<void> | void;
}) {
  const { t } = useTranslation();
  const form = useForm<V>({ mode: 'controlled', initialValues: model.valuesOf(item), validate });
  const [base, setBase] = useState<T | null>(item);
  const [conflict, setConflict] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const invalid = useFocusFirstInvalid<HTMLFormElement>();
  const itemPath = (id: string) => `${path}/${encodeURIComponent(id)}`;

  const save = useMutation({
    mutationFn: (values: V): Promise<T> =>
      base
        ? api.patch<T>(itemPath(base.id), updatePayload(model, values, base), { ifMatch: base.version })
        : api.post<T>(path, createPayload(model, values)),
    onSuccess: (saved) => onSaved(saved, base === null),
    onError: (err) => {
      if (isVersionConflict(err)) {
        setConflict(true);
        setFormError(null);
        return;
      }
      const errors = errorsOf(err, model.fields);
      form.setErrors(errors.fieldErrors);
      setFormError(errors.formError);
      invalid.request();
    },
  });

  const reload = useMutation({
    mutationFn: () => api.get<T>(itemPath(base?.id ?? '')),
    onSuccess: (latest) => {
      form.setValues(mergeLatest(model, form.getValues(), base, latest));
      setBase(latest);
      setConflict(false);
      setReloaded(true);
    },
    onError: (err) => setFormError(errorMessage(t, err)),
  });

  return {
    form,
    /** The version being edited (the latest after a reload); null for a new item. */
    base,
    conflict,
    reloaded,
    formError,
    save,
    reload,
    /** On the form: the first field in error is focused when a save is refused. */
    formRef: invalid.ref,
    submit: form.onSubmit((values) => {
      setFormError(null);
      save.mutate(values);
    }, invalid.request),
    /** After a reload: whether `field` shows something other than what is saved now. */
    differsFromSaved: (field: keyof V & string): boolean =>
      reloaded && base !== null && differsFromSaved(model, form.getValues(), base, field),
  };
}

export type VersionedForm<T extends Versioned, V extends Record<string, unknown>> = ReturnType<
  typeof useVersionedForm<T, V>
>;

/** Shown when someone else saved the item first; reloading keeps what the user typed. */
export function ConflictNotice({
  message,
  reloadLabel,
  loading,
  onReload,
}: {
  message: string;
  reloadLabel: string;
  loading: boolean;
  onReload: () => void;
}) {
  return (
    <Alert color="orange" role="alert" icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button size="xs" variant="default" loading={loading} onClick={onReload}>
          {reloadLabel}
        </Button>
      </Stack>
    </Alert>
  );
}

/** Cancel and submit, at the end of a form. */
export function FormActions({
  onCancel,
  submitLabel,
  loading,
  disabled,
  danger = false,
}: {
  onCancel: () => void;
  submitLabel: string;
  loading: boolean;
  disabled?: boolean;
  /** Red: the submit deletes something (after a confirmation that says what). */
  danger?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading} disabled={disabled} color={danger ? 'red.9' : undefined}>
        {submitLabel}
      </Button>
    </Group>
  );
}

/**
 * The frame of a versioned form: the form's error, the conflict notice, after a reload a note on
 * what changed, the fields, then cancel and save (disabled while a conflict is unresolved).
 */
export function VersionedFormFrame<T extends Versioned, V extends Record<string, unknown>>({
  edit,
  texts,
  submitLabel,
  onCancel,
  children,
}: {
  edit: VersionedForm<T, V>;
  texts: { conflict: string; reloadKeep: string; reloaded?: string };
  submitLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form noValidate ref={edit.formRef} onSubmit={edit.submit}>
      <Stack>
        <FormError message={edit.formError} />
        {edit.conflict && (
          <ConflictNotice
            message={texts.conflict}
            reloadLabel={texts.reloadKeep}
            loading={edit.reload.isPending}
            onReload={() => edit.reload.mutate()}
          />
        )}
        {texts.reloaded && edit.reloaded && !edit.conflict && (
          <Alert color="blue" role="status">
            <Text size="sm">{texts.reloaded}</Text>
          </Alert>
        )}
        {children}
        <FormActions
          onCancel={onCancel}
          submitLabel={submitLabel}
          loading={edit.save.isPending}
          disabled={edit.conflict}
        />
      </Stack>
    </form>
  );
}
