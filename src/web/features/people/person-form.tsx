import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmploymentStatus, Person, PersonCreateInput, PersonUpdate } from '../../../shared/people.js';
import { EMAIL_RE, KANA_RE, PERSON_LIMITS, PHONE_RE } from '../../../shared/people.js';
import { api, isApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { FormError } from '../../app/forms.js';
import { useDepartments, useSites } from '../structure/api.js';
import { PEOPLE_KEY } from './api.js';
import {
  employmentStatusOptions,
  personFormErrors,
  personIssueMessage,
  prefectureName,
  prefectureOptions,
} from './labels.js';

interface Values {
  name: string;
  nameKana: string;
  employeeNumber: string;
  email: string;
  phone: string;
  chatHandle: string;
  siteId: string | null;
  departmentId: string | null;
  homePrefecture: string | null;
  employmentStatus: EmploymentStatus;
}
type TextField = Exclude<keyof Values, 'siteId' | 'departmentId' | 'homePrefecture' | 'employmentStatus'>;

const FIELDS: (keyof Values)[] = [
  'name',
  'nameKana',
  'employeeNumber',
  'email',
  'phone',
  'chatHandle',
  'siteId',
  'departmentId',
  'homePrefecture',
  'employmentStatus',
];

function valuesOf(p: Person | null): Values {
  return {
    name: p?.name ?? '',
    nameKana: p?.nameKana ?? '',
    employeeNumber: p?.employeeNumber ?? '',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    chatHandle: p?.chatHandle ?? '',
    siteId: p?.siteId ?? null,
    departmentId: p?.departmentId ?? null,
    homePrefecture: p?.homePrefecture ?? null,
    employmentStatus: p?.employmentStatus ?? 'full_time',
  };
}

/** Empty text is sent as null, so clearing a field clears it on the server. */
function normalize(v: Values[keyof Values]): string | null {
  if (v === null) return null;
  const s = v.trim();
  return s === '' ? null : s;
}

/**
 * Create or edit one person. Editing sends only the changed fields with the version read
 * (If-Match); if someone else saved in between, the user loads the latest version and sees, under
 * each field, what is saved now — what they typed stays in the form.
 */
export function PersonForm({
  person,
  onDone,
  onCancel,
}: {
  person: Person | null;
  onDone: (saved: Person) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const sites = useSites();
  const departments = useDepartments();
  const [base, setBase] = useState<Person | null>(person);
  const [conflict, setConflict] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const check = (value: string, re: RegExp, code: string) => {
    const v = value.trim();
    return v !== '' && !re.test(v) ? personIssueMessage(t, { code }) : null;
  };
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(person),
    validate: {
      name: (v) => (v.trim() === '' ? t('issues.required') : null),
      nameKana: (v) => check(v, KANA_RE, 'invalid_kana'),
      email: (v) => check(v, EMAIL_RE, 'invalid_email'),
      phone: (v) => check(v, PHONE_RE, 'invalid_phone'),
    },
  });

  const siteOptions = useMemo(() => {
    const list = (sites.data ?? []).map((s) => ({ value: s.id, label: s.name }));
    // An archived site still shown for the person it belongs to.
    if (base?.siteId && !list.some((o) => o.value === base.siteId)) {
      list.push({ value: base.siteId, label: t('people.archivedName', { name: base.siteName ?? '' }) });
    }
    return list;
  }, [sites.data, base, t]);
  const departmentOptions = useMemo(() => {
    const list = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
    if (base?.departmentId && !list.some((o) => o.value === base.departmentId)) {
      list.push({
        value: base.departmentId,
        label: t('people.archivedName', { name: base.departmentName ?? '' }),
      });
    }
    return list;
  }, [departments.data, base, t]);

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Person> => {
      if (!base) {
        const body: PersonCreateInput = {
          name: values.name.trim(),
          nameKana: normalize(values.nameKana),
          employeeNumber: normalize(values.employeeNumber),
          email: normalize(values.email),
          phone: normalize(values.phone),
          chatHandle: normalize(values.chatHandle),
          siteId: values.siteId,
          departmentId: values.departmentId,
          homePrefecture: values.homePrefecture,
          employmentStatus: values.employmentStatus,
        };
        return api.post<Person>('/people', body);
      }
      const before = valuesOf(base);
      const body: Record<string, string | null> = {};
      for (const field of FIELDS) {
        const next = normalize(values[field]);
        if (next !== normalize(before[field])) body[field] = next;
      }
      return api.patch<Person>(`/people/${encodeURIComponent(base.id)}`, body as PersonUpdate, {
        ifMatch: base.version,
      });
    },
    onSuccess: async (saved) => {
      notifications.show({
        color: 'teal',
        message: base ? t('people.saved', { name: saved.name }) : t('people.created', { name: saved.name }),
      });
      await client.invalidateQueries({ queryKey: PEOPLE_KEY });
      onDone(saved);
    },
    onError: (err) => {
      if (isApiError(err, 'version_conflict')) {
        setConflict(true);
        setFormError(null);
        return;
      }
      const { fieldErrors, formError: message } = personFormErrors(t, err, FIELDS, (e) => errorMessage(t, e));
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const reload = useMutation({
    mutationFn: () => api.get<Person>(`/people/${encodeURIComponent(base?.id ?? '')}`),
    onSuccess: (latest) => {
      // Fields the user did not touch take the saved values (so saving does not undo the other
      // person's changes); fields the user changed keep what they typed.
      const old = valuesOf(base);
      const fresh = valuesOf(latest);
      const typed = form.getValues();
      const merged = { ...typed };
      for (const field of FIELDS) {
        if (normalize(typed[field]) === normalize(old[field]))
          (merged as Record<string, unknown>)[field] = fresh[field];
      }
      form.setValues(merged);
      setBase(latest);
      setConflict(false);
      setReloaded(true);
    },
    onError: (err) => setFormError(errorMessage(t, err)),
  });

  /** After a reload: what is saved now, under a field whose typed value differs. */
  const savedNow = (field: keyof Values): string | undefined => {
    if (!reloaded || !base) return undefined;
    const latest = valuesOf(base)[field];
    if (normalize(latest) === normalize(form.getValues()[field])) return undefined;
    let shown = latest ?? '';
    if (field === 'siteId') shown = base.siteName ?? '';
    if (field === 'departmentId') shown = base.departmentName ?? '';
    if (field === 'homePrefecture') shown = prefectureName(i18n.language, base.homePrefecture);
    if (field === 'employmentStatus') shown = t(`people.status.${base.employmentStatus}`);
    return t('people.savedNow', { value: shown === '' ? t('people.empty') : shown });
  };

  const text = (
    field: TextField,
    extra: { type?: string; autoComplete?: string; description?: string } = {},
  ) => {
    const now = savedNow(field);
    return (
      <TextInput
        label={t(`people.fields.${field}`)}
        maxLength={PERSON_LIMITS[field]}
        withAsterisk={field === 'name'}
        type={extra.type}
        autoComplete={extra.autoComplete ?? 'off'}
        description={now ?? extra.description}
        {...form.getInputProps(field)}
      />
    );
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
              <Text size="sm">{t('people.conflict')}</Text>
              <Button size="xs" variant="default" loading={reload.isPending} onClick={() => reload.mutate()}>
                {t('people.reloadKeep')}
              </Button>
            </Stack>
          </Alert>
        )}
        {reloaded && !conflict && (
          <Alert color="blue" role="status">
            <Text size="sm">{t('people.reloadedHint')}</Text>
          </Alert>
        )}
        {text('name', { autoComplete: 'off' })}
        {text('nameKana', { description: t('people.hints.nameKana') })}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text('employeeNumber')}
          <Select
            label={t('people.fields.employmentStatus')}
            data={employmentStatusOptions(t)}
            allowDeselect={false}
            description={savedNow('employmentStatus')}
            {...form.getInputProps('employmentStatus')}
          />
        </SimpleGrid>
        {text('email', { type: 'email' })}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text('phone', { type: 'tel' })}
          {text('chatHandle')}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('people.fields.siteId')}
            data={siteOptions}
            clearable
            searchable
            placeholder={t('people.none')}
            nothingFoundMessage={t('people.nothingFound')}
            description={savedNow('siteId')}
            {...form.getInputProps('siteId')}
          />
          <Select
            label={t('people.fields.departmentId')}
            data={departmentOptions}
            clearable
            searchable
            placeholder={t('people.none')}
            nothingFoundMessage={t('people.nothingFound')}
            description={savedNow('departmentId')}
            {...form.getInputProps('departmentId')}
          />
        </SimpleGrid>
        <Select
          label={t('people.fields.homePrefecture')}
          data={prefectureOptions(i18n.language)}
          clearable
          searchable
          placeholder={t('people.none')}
          nothingFoundMessage={t('people.nothingFound')}
          description={savedNow('homePrefecture') ?? t('people.hints.homePrefecture')}
          {...form.getInputProps('homePrefecture')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            {base ? t('common.save') : t('people.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
