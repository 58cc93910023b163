import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/people.js';
import { EMAIL_RE, KANA_RE, PERSON_LIMITS, PHONE_RE } from '../../../shared/people.js';
import { errorMessage } from '../../app/errors.js';
import { conflictWords } from '../../app/feature-words.js';
import { notify } from '../../app/notify.js';
import { optionsOf, withCurrentOption } from '../../app/options.js';
import { prefectureName, prefectureOptions } from '../../app/prefectures.js';
import { useVersionedForm, VersionedFormFrame } from '../../app/versioned-form.js';
import { useDepartments, useSites } from '../structure/api.js';
import { PEOPLE_KEY } from './api.js';
import { employmentStatusOptions, personFormErrors, personIssueMessage } from './labels.js';
import { type PersonTextField, type PersonValues, personModel } from './person-values.js';

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

  const check = (value: string, re: RegExp, code: string) => {
    const v = value.trim();
    return v !== '' && !re.test(v) ? personIssueMessage(t, { code }) : null;
  };
  const edit = useVersionedForm<Person, PersonValues>({
    model: personModel,
    item: person,
    path: '/people',
    validate: {
      name: (v) => (v.trim() === '' ? t('issues.required') : null),
      nameKana: (v) => check(v, KANA_RE, 'invalid_kana'),
      email: (v) => check(v, EMAIL_RE, 'invalid_email'),
      phone: (v) => check(v, PHONE_RE, 'invalid_phone'),
    },
    errorsOf: (err, fields) => personFormErrors(t, err, fields, (e) => errorMessage(t, e)),
    onSaved: async (saved, created) => {
      notify(created ? t('people.created', { name: saved.name }) : t('people.saved', { name: saved.name }));
      await client.invalidateQueries({ queryKey: PEOPLE_KEY });
      onDone(saved);
    },
  });
  const { form, base } = edit;

  // An archived site or department still shown for the person it belongs to.
  const archivedName = (name: string | null) => t('people.archivedName', { name: name ?? '' });
  const siteOptions = withCurrentOption(
    optionsOf(sites.data),
    base?.siteId,
    archivedName(base?.siteName ?? null),
  );
  const departmentOptions = withCurrentOption(
    optionsOf(departments.data),
    base?.departmentId,
    archivedName(base?.departmentName ?? null),
  );

  /** After a reload: what is saved now, under a field whose typed value differs. */
  const savedNow = (field: keyof PersonValues): string | undefined => {
    if (!base || !edit.differsFromSaved(field)) return undefined;
    const shown =
      field === 'siteId'
        ? (base.siteName ?? '')
        : field === 'departmentId'
          ? (base.departmentName ?? '')
          : field === 'homePrefecture'
            ? prefectureName(i18n.language, base.homePrefecture)
            : field === 'employmentStatus'
              ? t(`people.status.${base.employmentStatus}`)
              : (personModel.valuesOf(base)[field] ?? '');
    return t('people.savedNow', { value: shown === '' ? t('people.empty') : shown });
  };

  const text = (
    field: PersonTextField,
    extra: { type?: string; autoComplete?: string; description?: string } = {},
  ) => (
    <TextInput
      label={t(`people.fields.${field}`)}
      maxLength={PERSON_LIMITS[field]}
      withAsterisk={field === 'name'}
      type={extra.type}
      autoComplete={extra.autoComplete ?? 'off'}
      description={savedNow(field) ?? extra.description}
      {...form.getInputProps(field)}
    />
  );
  const choice = (field: 'siteId' | 'departmentId' | 'homePrefecture') => ({
    clearable: true,
    searchable: true,
    placeholder: t('people.none'),
    nothingFoundMessage: t('people.nothingFound'),
    ...form.getInputProps(field),
  });

  return (
    <VersionedFormFrame
      edit={edit}
      texts={conflictWords(t, 'people')}
      submitLabel={base ? t('common.save') : t('people.create')}
      onCancel={onCancel}
    >
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
          description={savedNow('siteId')}
          {...choice('siteId')}
        />
        <Select
          label={t('people.fields.departmentId')}
          data={departmentOptions}
          description={savedNow('departmentId')}
          {...choice('departmentId')}
        />
      </SimpleGrid>
      <Select
        label={t('people.fields.homePrefecture')}
        data={prefectureOptions(i18n.language)}
        description={savedNow('homePrefecture') ?? t('people.hints.homePrefecture')}
        {...choice('homePrefecture')}
      />
    </VersionedFormFrame>
  );
}
