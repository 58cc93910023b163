import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { FormValidateInput } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SITE_KINDS } from '../../../domain/organization.js';
import type { Department, Site } from '../../../shared/structure.js';
import { ArchiveDialog, ArchivedBadge, RowActions, useArchiveToggle } from '../../app/archive-actions.js';
import { formErrorsFrom } from '../../app/errors.js';
import { conflictWords, rowWords } from '../../app/feature-words.js';
import { required } from '../../app/forms.js';
import { ShowArchived } from '../../app/list-filters.js';
import { notify } from '../../app/notify.js';
import { PageHeader } from '../../app/page-state.js';
import { prefectureOptions } from '../../app/prefectures.js';
import { CardList, ErrorBanner, ListStates } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import type { FormModel } from '../../app/versioned-edit.js';
import { useVersionedForm, type VersionedForm, VersionedFormFrame } from '../../app/versioned-form.js';
import { STRUCTURE, type StructureKind, useStructureList } from './api.js';
import { placeLine } from './labels.js';
import { departmentModel, siteModel } from './structure-values.js';

type Item = Site | Department;

/** Only a site has a kind (office, factory…); a department has none. */
const isSite = (item: Item): item is Site => 'kind' in item;

/** Sites and departments: everyone with org.read sees them, org.manage changes them. */
export function StructurePage() {
  const { t } = useTranslation();
  const manage = useCan()('org.manage');
  return (
    <>
      <PageHeader title={t('structure.title')} description={t('structure.description')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <StructureList kind="site" manage={manage} />
        <StructureList kind="department" manage={manage} />
      </SimpleGrid>
    </>
  );
}

function StructureList({ kind, manage }: { kind: StructureKind; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useStructureList(kind, includeArchived);
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const archive = useArchiveToggle<Item>({
    path: STRUCTURE[kind].path,
    doneMessage: (saved) =>
      t(saved.archivedAt ? 'structure.archivedToast' : 'structure.unarchivedToast', { name: saved.name }),
    // People show the names of their site and department.
    invalidate: [STRUCTURE[kind].key, ['people']],
  });

  const words = rowWords(t, 'structure', `structure.archiveConfirm.${kind}`);
  const headingId = `structure-${kind}s`;
  const items: Item[] = list.data ?? [];
  const close = () => setEditing(null);
  return (
    <section aria-labelledby={headingId}>
      <Stack align="flex-start" mb="xs" gap="xs">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {t(`structure.${kind}s`)}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`structure.${kind}sHint`)}
          </Text>
        </div>
        {manage && (
          <Button
            size="sm"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => setEditing('new')}
          >
            {t(`structure.add.${kind}`)}
          </Button>
        )}
      </Stack>
      <ShowArchived
        size="sm"
        mb="sm"
        label={t('structure.showArchived')}
        checked={includeArchived}
        onChange={setIncludeArchived}
      />
      <ErrorBanner message={archive.error} onClose={archive.clearError} mb="sm" />
      <ListStates query={list} isEmpty={items.length === 0} empty={t(`structure.empty.${kind}`)}>
        <CardList gap="xs">
          {items.map((item) => (
            <Card key={item.id} withBorder padding="sm" component="li">
              <Group justify="space-between" wrap="nowrap" align={isSite(item) ? 'flex-start' : 'center'}>
                <div style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text fw={600} c={item.archivedAt ? 'dimmed' : undefined}>
                      {item.name}
                    </Text>
                    {isSite(item) && (
                      <Badge variant="light" size="sm">
                        {t(`structure.kinds.${item.kind}`)}
                      </Badge>
                    )}
                    {item.archivedAt && <ArchivedBadge label={t('structure.archivedBadge')} size="sm" />}
                  </Group>
                  {isSite(item) && (item.prefectureCode || item.address) && (
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {placeLine(i18n.language, item)}
                    </Text>
                  )}
                </div>
                {manage && (
                  <RowActions
                    archived={item.archivedAt !== null}
                    edit={{ ...words.edit(item), onClick: () => setEditing(item) }}
                    archive={{ ...words.archive(item), onClick: () => archive.ask(item) }}
                  />
                )}
              </Group>
            </Card>
          ))}
        </CardList>
      </ListStates>

      <Modal
        opened={editing !== null}
        onClose={close}
        title={
          editing === 'new'
            ? t(`structure.add.${kind}`)
            : t('structure.editTitle', { name: editing?.name ?? '' })
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        {editing !== null &&
          (kind === 'site' ? (
            <SiteForm site={editing !== 'new' && isSite(editing) ? editing : null} onDone={close} />
          ) : (
            <DepartmentForm
              department={editing !== 'new' && !isSite(editing) ? editing : null}
              onDone={close}
            />
          ))}
      </Modal>

      <ArchiveDialog toggle={archive} texts={words.dialog} />
    </section>
  );
}

/**
 * Saving a site or a department: its endpoint and form model, a notice, the refreshed lists
 * (people show the names of both) and the general error texts.
 */
function useStructureEdit<T extends Item, V extends { name: string }>(
  kind: StructureKind,
  model: FormModel<T, V>,
  item: T | null,
  onDone: () => void,
) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useVersionedForm<T, V>({
    model,
    item,
    path: STRUCTURE[kind].path,
    // FormValidateInput<V> maps over the generic V: TypeScript cannot see that a rule for `name`,
    // which every V has, fits it.
    validate: { name: required(t) } as FormValidateInput<V>,
    errorsOf: (err, fields) => formErrorsFrom(t, err, fields),
    onSaved: async (saved) => {
      notify(t('structure.savedToast', { name: saved.name }));
      await client.invalidateQueries({ queryKey: STRUCTURE[kind].key });
      await client.invalidateQueries({ queryKey: ['people'] });
      onDone();
    },
  });
}

/** The form of a site or a department: the name first, then what else the kind has. */
function StructureForm<T extends Item, V extends { name: string }>({
  edit,
  onDone,
  children,
}: {
  edit: VersionedForm<T, V>;
  onDone: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <VersionedFormFrame
      edit={edit}
      texts={conflictWords(t, 'structure', { withReloaded: false })}
      submitLabel={t('common.save')}
      onCancel={onDone}
    >
      <TextInput
        label={t('structure.fields.name')}
        withAsterisk
        maxLength={100}
        {...edit.form.getInputProps('name')}
      />
      {children}
    </VersionedFormFrame>
  );
}

function SiteForm({ site, onDone }: { site: Site | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const edit = useStructureEdit('site', siteModel, site, onDone);
  const { form } = edit;
  return (
    <StructureForm edit={edit} onDone={onDone}>
      <Select
        label={t('structure.fields.kind')}
        data={SITE_KINDS.map((k) => ({ value: k, label: t(`structure.kinds.${k}`) }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
      <Select
        label={t('structure.fields.prefecture')}
        data={prefectureOptions(i18n.language)}
        searchable
        clearable
        placeholder={t('structure.none')}
        nothingFoundMessage={t('structure.nothingFound')}
        {...form.getInputProps('prefectureCode')}
      />
      <Textarea
        label={t('structure.fields.address')}
        description={t('structure.addressHint')}
        maxLength={300}
        autosize
        minRows={2}
        {...form.getInputProps('address')}
      />
    </StructureForm>
  );
}

function DepartmentForm({ department, onDone }: { department: Department | null; onDone: () => void }) {
  const edit = useStructureEdit('department', departmentModel, department, onDone);
  return <StructureForm edit={edit} onDone={onDone} />;
}
