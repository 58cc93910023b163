import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, RecoveryContent } from '../../../shared/recovery.js';
import { api } from '../../app/api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { errorMessage } from '../../app/errors.js';
import { splitFeatureIssues } from '../../app/feature-issues.js';
import { conflictWords } from '../../app/feature-words.js';
import { notify } from '../../app/notify.js';
import { LoadError } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { type FormModel, textOrNull } from '../../app/versioned-edit.js';
import { useVersionedForm, VersionedFormFrame } from '../../app/versioned-form.js';
import { useGraph } from '../graph/api.js';
import { usePeopleOptions } from '../people/api.js';
import { RECOVERY_KEY, useContacts, useRecoveryChange } from './api.js';

type Lang = 'ja' | 'en';

/** The form's values of one owner-and-contacts row. */
type ContactValues = {
  target: string;
  targetNote: string;
  ownerPersonId: string | null;
  contactPersonIds: string[];
  contactSupplierIds: string[];
  note: string;
};

const contactModel: FormModel<Contact, ContactValues> = {
  fields: ['target', 'targetNote', 'ownerPersonId', 'contactPersonIds', 'contactSupplierIds', 'note'],
  valuesOf: (c) => ({
    target: c?.target ?? 'power',
    targetNote: c?.targetNote ?? '',
    ownerPersonId: c?.ownerPersonId ?? null,
    contactPersonIds: c?.contactPersonIds ?? [],
    contactSupplierIds: c?.contactSupplierIds ?? [],
    note: c?.note ?? '',
  }),
  apiValue: (field, value) => (field === 'targetNote' || field === 'note' ? textOrNull(value) : value),
};

/**
 * Recovery owners and contacts per damage target (IT-BCP template 5.2): the rows, each edited in
 * place (a PATCH of what changed, under If-Match) or deleted, and a button to add one.
 */
export function ContactsSection({ content, lang }: { content: RecoveryContent; lang: Lang }) {
  const { t } = useTranslation();
  const can = useCan();
  const write = can('inventory.write');
  const contacts = useContacts();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const targetLabel = (id: string) => content.targets.find((x) => x.id === id)?.label[lang] ?? id;
  const rowName = (c: Contact) =>
    c.targetNote ? `${targetLabel(c.target)}（${c.targetNote}）` : targetLabel(c.target);
  const remove = useRecoveryChange(
    (c: Contact) => api.delete(`/recovery/contacts/${encodeURIComponent(c.id)}`),
    'recovery.contacts.deleted',
  );
  const close = () => setEditing(null);
  return (
    <section aria-labelledby="recovery-contacts">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="recovery-contacts">
          {t('recovery.contacts.title')}
        </Title>
        {write && <Button onClick={() => setEditing('new')}>{t('recovery.contacts.add')}</Button>}
      </Group>
      <Text size="sm" mb="sm">
        {t('recovery.contacts.intro')}
      </Text>
      {contacts.isError && <LoadError error={contacts.error} onRetry={() => contacts.refetch()} />}
      {contacts.data && contacts.data.items.length === 0 && (
        <Text mb="sm">{t('recovery.contacts.empty')}</Text>
      )}
      {contacts.data && contacts.data.items.length > 0 && (
        <ResponsiveTable<Contact>
          labelledBy="recovery-contacts"
          minWidth={640}
          rows={contacts.data.items}
          rowKey={(c) => c.id}
          columns={[
            { header: t('recovery.contacts.target'), cell: rowName },
            {
              header: t('recovery.contacts.owner'),
              cell: (c) => (c.ownerPersonId ? c.names[c.ownerPersonId] : null) ?? c.ownerText ?? '—',
            },
            {
              header: t('recovery.contacts.contacts'),
              cell: (c) =>
                [...c.contactPersonIds, ...c.contactSupplierIds]
                  .map((id) => c.names[id])
                  .filter(Boolean)
                  .join(lang === 'ja' ? '、' : ', ') || '—',
            },
            { header: t('recovery.contacts.note'), cell: (c) => c.note ?? '' },
          ]}
          actions={
            write
              ? (c) => (
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setEditing(c)}
                      aria-label={t('recovery.contacts.editOne', { name: rowName(c) })}
                    >
                      {t('recovery.contacts.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => remove.mutate(c)}
                      aria-label={t('recovery.contacts.deleteOne', { name: rowName(c) })}
                    >
                      {t('recovery.contacts.delete')}
                    </Button>
                  </Group>
                )
              : undefined
          }
        />
      )}
      <Modal
        opened={editing !== null}
        onClose={close}
        title={
          editing === 'new' || editing === null
            ? t('recovery.contacts.add')
            : t('recovery.contacts.editTitle', { name: rowName(editing) })
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
        size="lg"
        centered
      >
        {editing !== null && (
          <ContactForm
            key={editing === 'new' ? 'new' : editing.id}
            contact={editing === 'new' ? null : editing}
            content={content}
            lang={lang}
            onDone={close}
          />
        )}
      </Modal>
    </section>
  );
}

/** Add a row (contact null) or edit one: only the changed fields are sent, under If-Match. */
function ContactForm({
  contact,
  content,
  lang,
  onDone,
}: {
  contact: Contact | null;
  content: RecoveryContent;
  lang: Lang;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const people = usePeopleOptions();
  const graph = useGraph();
  const suppliers = (graph.data?.nodes ?? [])
    .filter((n) => n.type === 'supplier')
    .map((n) => ({ value: n.id, label: n.name }));
  const edit = useVersionedForm<Contact, ContactValues>({
    model: contactModel,
    item: contact,
    path: '/recovery/contacts',
    // The recovery plan's own sentences (recovery.issues: unknown_person …), else the app's.
    errorsOf: (err, fields) => splitFeatureIssues(t, 'recovery', err, fields, (e) => errorMessage(t, e)),
    onSaved: async () => {
      notify(t('recovery.saved'));
      await client.invalidateQueries({ queryKey: RECOVERY_KEY });
      onDone();
    },
  });
  const target = edit.form.getValues().target;
  return (
    <VersionedFormFrame
      edit={edit}
      texts={conflictWords(t, 'recovery.contacts', { withReloaded: false })}
      submitLabel={contact ? t('recovery.save') : t('recovery.contacts.addButton')}
      onCancel={onDone}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('recovery.contacts.target')}
          data={content.targets.map((x) => ({ value: x.id, label: x.label[lang] }))}
          allowDeselect={false}
          {...edit.form.getInputProps('target')}
        />
        <TextInput
          label={t('recovery.contacts.targetNote')}
          placeholder={content.targets.find((x) => x.id === target)?.hint[lang]}
          maxLength={200}
          {...edit.form.getInputProps('targetNote')}
        />
        <Select
          label={t('recovery.contacts.owner')}
          data={people.data ?? []}
          searchable
          clearable
          {...edit.form.getInputProps('ownerPersonId')}
        />
        <MultiSelect
          label={t('recovery.contacts.people')}
          data={people.data ?? []}
          searchable
          {...edit.form.getInputProps('contactPersonIds')}
        />
        <MultiSelect
          label={t('recovery.contacts.suppliers')}
          data={suppliers}
          searchable
          {...edit.form.getInputProps('contactSupplierIds')}
        />
      </SimpleGrid>
      <Textarea
        label={t('recovery.contacts.note')}
        rows={3}
        maxLength={2000}
        {...edit.form.getInputProps('note')}
      />
    </VersionedFormFrame>
  );
}
