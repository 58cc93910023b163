import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Register } from '../../../domain/inventory.js';
import { errorMessage } from '../../app/errors.js';
import { conflictWords } from '../../app/feature-words.js';
import { notify } from '../../app/notify.js';
import { RtoInput } from '../../app/rto-input.js';
import { useVersionedForm, VersionedFormFrame } from '../../app/versioned-form.js';
import { useBiaSettings } from '../bia/api.js';
import { BIA_KEY, INVENTORY_KEY } from '../graph/api.js';
import { featureFormErrors, rtoLabel } from '../graph/labels.js';
import { usePeopleOptions } from '../people/api.js';
import type { InventoryItem } from './api.js';
import { type FieldDef, FORM_FIELDS, type ItemValues, itemModel, rtoFieldValue } from './item-values.js';
import { fieldLabel, levelOptions } from './labels.js';

/**
 * Create or edit one inventory item. Editing sends only what changed with the version read
 * (If-Match); after a conflict the user reloads the latest copy, keeping what they typed.
 */
export function ItemForm({
  register,
  item,
  onDone,
  onCancel,
}: {
  register: Register;
  item: InventoryItem | null;
  onDone: (saved: InventoryItem) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const people = usePeopleOptions();
  const settings = useBiaSettings();
  const scale = settings.data?.scale ?? 5;
  const fields = FORM_FIELDS[register];
  const model = useMemo(() => itemModel(register), [register]);
  const edit = useVersionedForm<InventoryItem, ItemValues>({
    model,
    item,
    path: `/inventory/${register}`,
    validate: { name: (v) => (String(v ?? '').trim() === '' ? t('issues.required') : null) },
    errorsOf: (err, names) => featureFormErrors(t, err, names, (e) => errorMessage(t, e)),
    onSaved: async (saved, created) => {
      notify(
        created ? t('inventory.created', { name: saved.name }) : t('inventory.saved', { name: saved.name }),
      );
      await client.invalidateQueries({ queryKey: INVENTORY_KEY });
      await client.invalidateQueries({ queryKey: BIA_KEY });
      onDone(saved);
    },
  });
  const { form } = edit;

  const savedNow = (f: FieldDef): string | undefined => {
    if (!edit.base || !edit.differsFromSaved(f.name)) return undefined;
    const latest = model.valuesOf(edit.base)[f.name] ?? null;
    const shown = f.kind === 'rto' ? rtoLabel(t, rtoFieldValue(latest)) : String(latest ?? '');
    return t('inventory.savedNow', { value: shown === '' ? t('inventory.emptyValue') : shown });
  };

  const levels = levelOptions(t, scale);

  const renderField = (f: FieldDef) => {
    const label = fieldLabel(t, register, f.name);
    const hint = t(`inventory.hints.${f.name}`, { defaultValue: '' });
    const description = savedNow(f) ?? (hint || undefined);
    const props = form.getInputProps(f.name);
    switch (f.kind) {
      case 'text':
        return (
          <TextInput
            key={f.name}
            label={label}
            withAsterisk={f.required}
            maxLength={f.max}
            description={description}
            autoComplete="off"
            {...props}
            value={String(props.value ?? '')}
          />
        );
      case 'textarea':
      case 'list':
        return (
          <Textarea
            key={f.name}
            label={label}
            maxLength={f.max}
            autosize
            minRows={2}
            maxRows={8}
            description={f.kind === 'list' ? (savedNow(f) ?? t('inventory.hints.list')) : description}
            {...props}
            value={String(props.value ?? '')}
          />
        );
      case 'date':
        return (
          <TextInput
            key={f.name}
            type="date"
            label={label}
            description={description}
            {...props}
            value={String(props.value ?? '')}
          />
        );
      case 'level':
        return (
          <Select
            key={f.name}
            label={label}
            data={levels}
            clearable
            placeholder={t(`inventory.levelNone.${f.name}`)}
            description={savedNow(f) ?? t(`inventory.hints.${f.name}Help`)}
            {...props}
          />
        );
      case 'select':
        return (
          <Select
            key={f.name}
            label={label}
            withAsterisk={f.required}
            data={(f.options ?? []).map((o) => ({
              value: String(o),
              label: t(`inventory.options.${f.optionsKey}.${o}`),
            }))}
            clearable={!f.required}
            allowDeselect={!f.required}
            description={description}
            {...props}
          />
        );
      case 'person':
        return (
          <Select
            key={f.name}
            label={label}
            data={people.data ?? []}
            searchable
            clearable
            placeholder={t('inventory.none')}
            nothingFoundMessage={t('common.nothingFound')}
            description={description}
            {...props}
          />
        );
      case 'rto':
        return (
          <RtoInput
            key={f.name}
            label={label}
            description={description}
            allowNone
            value={rtoFieldValue(form.getValues()[f.name])}
            onChange={(v) => form.setFieldValue(f.name, v)}
            error={form.errors[f.name] as string | undefined}
          />
        );
    }
  };

  const wide = (f: FieldDef) => f.kind === 'rto' || f.kind === 'list' || f.kind === 'textarea';
  return (
    <VersionedFormFrame
      edit={edit}
      texts={conflictWords(t, 'inventory')}
      submitLabel={edit.base ? t('common.save') : t('inventory.create')}
      onCancel={onCancel}
    >
      {fields.slice(0, 2).map(renderField)}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {fields
          .slice(2)
          .filter((f) => !wide(f))
          .map(renderField)}
      </SimpleGrid>
      {fields.slice(2).filter(wide).map(renderField)}
    </VersionedFormFrame>
  );
}
