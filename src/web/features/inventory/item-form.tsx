import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Register, RtoValue } from '../../../shared/inventory.js';
import { api, isApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { FormError } from '../../app/forms.js';
import { notify } from '../../app/notify.js';
import { BIA_KEY, INVENTORY_KEY, type InventoryItem, useBiaSettings, usePeopleOptions } from './api.js';
import { featureFormErrors, rtoLabel } from './labels.js';
import { RtoInput } from './rto-input.js';

type Kind = 'text' | 'textarea' | 'level' | 'select' | 'date' | 'rto' | 'list' | 'person';
interface FieldDef {
  name: string;
  kind: Kind;
  required?: boolean;
  max?: number;
  options?: readonly (string | number)[];
  /** Key under inventory.options.<optionsKey>.<value> for select labels. */
  optionsKey?: string;
}

const common: FieldDef[] = [
  { name: 'name', kind: 'text', required: true, max: 200 },
  { name: 'description', kind: 'textarea', max: 2000 },
];

export const FORM_FIELDS: Record<Register, FieldDef[]> = {
  operations: [
    ...common,
    { name: 'ownerPersonId', kind: 'person' },
    { name: 'ownerText', kind: 'text', max: 200 },
    { name: 'importance', kind: 'level' },
    { name: 'dependencyLevel', kind: 'level' },
    { name: 'rtoOverride', kind: 'rto' },
    { name: 'needsData', kind: 'list' },
    { name: 'needsTerminals', kind: 'list' },
    { name: 'needsProcedureManuals', kind: 'list' },
    { name: 'needsUserManuals', kind: 'list' },
  ],
  systems: [
    ...common,
    { name: 'ownerPersonId', kind: 'person' },
    { name: 'ownerText', kind: 'text', max: 200 },
    { name: 'vendor', kind: 'text', max: 200 },
    {
      name: 'hosting',
      kind: 'select',
      options: ['on_premises', 'cloud', 'hosted', 'saas', 'other'],
      optionsKey: 'hosting',
    },
    { name: 'dataLocation', kind: 'text', max: 300 },
    { name: 'eolDate', kind: 'date' },
    { name: 'dependencyLevel', kind: 'level' },
    { name: 'declaredRto', kind: 'rto' },
  ],
  components: [
    ...common,
    { name: 'layer', kind: 'select', required: true, options: [1, 2, 3, 4, 5], optionsKey: 'layer' },
    { name: 'side', kind: 'select', required: true, options: ['client', 'server'], optionsKey: 'side' },
    { name: 'declaredRto', kind: 'rto' },
  ],
  suppliers: [
    ...common,
    {
      name: 'kind',
      kind: 'select',
      required: true,
      options: ['vendor', 'cloud', 'isp', 'utility', 'other'],
      optionsKey: 'supplierKind',
    },
    { name: 'contact', kind: 'textarea', max: 500 },
    { name: 'contractNotes', kind: 'textarea', max: 2000 },
    { name: 'declaredRto', kind: 'rto' },
  ],
};

type Values = Record<string, string | RtoValue | null>;

/** Form values: text as strings, levels/selects as strings (Select), lists one item per line. */
function valuesOf(register: Register, item: InventoryItem | null): Values {
  const out: Values = {};
  const src = (item ?? {}) as Record<string, unknown>;
  for (const f of FORM_FIELDS[register]) {
    const v = src[f.name];
    if (f.kind === 'rto') out[f.name] = (v as RtoValue | null | undefined) ?? null;
    else if (f.kind === 'list') out[f.name] = Array.isArray(v) ? v.join('\n') : '';
    else if (f.kind === 'level' || f.kind === 'select' || f.kind === 'person')
      out[f.name] = v === null || v === undefined ? null : String(v);
    else out[f.name] = typeof v === 'string' ? v : '';
  }
  if (!item && register === 'components') {
    out.layer = '4';
    out.side = 'server';
  }
  if (!item && register === 'suppliers') out.kind = 'vendor';
  return out;
}

/** The value the API expects for one field. */
function apiValue(f: FieldDef, v: Values[string]): unknown {
  if (f.kind === 'rto') return v ?? null;
  if (f.kind === 'list')
    return String(v ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  if (f.kind === 'level' || (f.kind === 'select' && f.name === 'layer')) return v ? Number(v) : null;
  if (f.kind === 'select' || f.kind === 'person') return v ?? null;
  const s = String(v ?? '').trim();
  return s === '' ? null : s;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function fieldLabel(t: TFunction, register: Register, name: string): string {
  return t(`inventory.fields.${register}.${name}`, { defaultValue: t(`inventory.fields.${name}`) });
}

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
  const [base, setBase] = useState<InventoryItem | null>(item);
  const [conflict, setConflict] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(register, item),
    validate: { name: (v) => (String(v ?? '').trim() === '' ? t('issues.required') : null) },
  });
  const path = `/inventory/${register}`;

  const save = useMutation({
    mutationFn: async (values: Values): Promise<InventoryItem> => {
      const body: Record<string, unknown> = {};
      const before = valuesOf(register, base);
      for (const f of fields) {
        const next = apiValue(f, values[f.name] ?? null);
        if (!base) {
          if (next !== null && !(Array.isArray(next) && next.length === 0)) body[f.name] = next;
        } else if (!same(next, apiValue(f, before[f.name] ?? null))) body[f.name] = next;
      }
      if (!base) return api.post<InventoryItem>(path, body);
      return api.patch<InventoryItem>(`${path}/${encodeURIComponent(base.id)}`, body, {
        ifMatch: base.version,
      });
    },
    onSuccess: async (saved) => {
      notify(
        base ? t('inventory.saved', { name: saved.name }) : t('inventory.created', { name: saved.name }),
      );
      await client.invalidateQueries({ queryKey: INVENTORY_KEY });
      await client.invalidateQueries({ queryKey: BIA_KEY });
      onDone(saved);
    },
    onError: (err) => {
      if (isApiError(err, 'version_conflict')) {
        setConflict(true);
        setFormError(null);
        return;
      }
      const { fieldErrors, formError: message } = featureFormErrors(
        t,
        err,
        fields.map((f) => f.name),
        (e) => errorMessage(t, e),
      );
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const reload = useMutation({
    mutationFn: () => api.get<InventoryItem>(`${path}/${encodeURIComponent(base?.id ?? '')}`),
    onSuccess: (latest) => {
      const old = valuesOf(register, base);
      const fresh = valuesOf(register, latest);
      const typed = form.getValues();
      const merged: Values = { ...typed };
      for (const f of fields) if (same(typed[f.name], old[f.name])) merged[f.name] = fresh[f.name] ?? null;
      form.setValues(merged);
      setBase(latest);
      setConflict(false);
      setReloaded(true);
    },
    onError: (err) => setFormError(errorMessage(t, err)),
  });

  const savedNow = (f: FieldDef): string | undefined => {
    if (!reloaded || !base) return undefined;
    const latest = valuesOf(register, base)[f.name] ?? null;
    if (same(latest, form.getValues()[f.name])) return undefined;
    const shown = f.kind === 'rto' ? rtoLabel(t, latest as RtoValue | null) : String(latest ?? '');
    return t('inventory.savedNow', { value: shown === '' ? t('inventory.emptyValue') : shown });
  };

  const levelOptions = Array.from({ length: scale }, (_, i) => scale - i).map((n) => ({
    value: String(n),
    label: t('inventory.levelOption', { level: n }),
  }));

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
            data={levelOptions}
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
            value={(form.getValues()[f.name] as RtoValue | null) ?? null}
            onChange={(v) => form.setFieldValue(f.name, v)}
            error={form.errors[f.name] as string | undefined}
          />
        );
    }
  };

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFormError(null);
        save.mutate(values);
      })}
    >
      <Stack>
        <FormError message={formError} />
        {conflict && (
          <Alert color="orange" role="alert" icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('inventory.conflict')}</Text>
              <Button size="xs" variant="default" loading={reload.isPending} onClick={() => reload.mutate()}>
                {t('inventory.reloadKeep')}
              </Button>
            </Stack>
          </Alert>
        )}
        {reloaded && !conflict && (
          <Alert color="blue" role="status">
            <Text size="sm">{t('inventory.reloadedHint')}</Text>
          </Alert>
        )}
        {fields.slice(0, 2).map(renderField)}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fields
            .slice(2)
            .filter((f) => f.kind !== 'rto' && f.kind !== 'list' && f.kind !== 'textarea')
            .map(renderField)}
        </SimpleGrid>
        {fields
          .slice(2)
          .filter((f) => f.kind === 'rto' || f.kind === 'list' || f.kind === 'textarea')
          .map(renderField)}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            {base ? t('common.save') : t('inventory.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
