import { Anchor, Badge, Button, Card, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Person } from '../../../shared/people.js';
import { ArchiveDialog, ArchivedBadge, RowActions, useArchiveToggle } from '../../app/archive-actions.js';
import { listWords, rowWords } from '../../app/feature-words.js';
import { FilterCard, FilterSelect, useListState, usePhone } from '../../app/list-filters.js';
import { activeFilterCount, isNarrowed, pageItems } from '../../app/list-query.js';
import { optionsOf } from '../../app/options.js';
import { PageHeader } from '../../app/page-state.js';
import { prefectureName } from '../../app/prefectures.js';
import { ActionsHeader, CardList, EditDrawer, RegisterResults } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import { useDepartments, useSites } from '../structure/api.js';
import { exportUrl, PEOPLE_KEY, type PeopleFilter, usePeople } from './api.js';
import { employmentStatusOptions } from './labels.js';
import { PersonForm } from './person-form.js';

/** The people directory: search, filters, the list, and (with people.write) add, edit, archive. */
export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const write = can('people.write');
  const phone = usePhone();

  const words = listWords(t, 'people');
  const list = useListState<PeopleFilter>();
  const people = usePeople(list.state);
  const sites = useSites();
  const departments = useDepartments();
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const close = () => setEditing(null);
  const archive = useArchiveToggle<Person>({
    path: '/people',
    doneMessage: (saved) =>
      saved.archivedAt
        ? t('people.archived', { name: saved.name })
        : t('people.unarchived', { name: saved.name }),
    invalidate: [PEOPLE_KEY],
  });

  const items = pageItems(people.data);
  const activeFilters = activeFilterCount(list.state);
  const filter = (param: PeopleFilter, data: { value: string; label: string }[], searchable = true) => (
    <FilterSelect
      list={list}
      param={param}
      label={t(`people.fields.${param}`)}
      placeholder={t('people.all')}
      data={data}
      nothingFound={searchable ? t('people.nothingFound') : undefined}
    />
  );
  const otherFilters = (
    <>
      {filter('siteId', optionsOf(sites.data))}
      {filter('departmentId', optionsOf(departments.data))}
      {filter('employmentStatus', employmentStatusOptions(t), false)}
    </>
  );

  const actions = (
    <Group gap="xs">
      {write && (
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('people.add')}
        </Button>
      )}
      {write && (
        <Button
          variant="default"
          component={Link}
          to="/people/import"
          leftSection={<IconUpload size={16} aria-hidden="true" />}
        >
          {t('people.import')}
        </Button>
      )}
      <Menu position="bottom-end">
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
            rightSection={<IconChevronDown size={14} aria-hidden="true" />}
          >
            {t('people.export')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('people.exportHint')}</Menu.Label>
          <Menu.Item component="a" href={exportUrl('xlsx', i18n.language, list.includeArchived)} download>
            {t('people.exportXlsx')}
          </Menu.Item>
          <Menu.Item component="a" href={exportUrl('csv', i18n.language, list.includeArchived)} download>
            {t('people.exportCsv')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );

  const listProps: ListProps = {
    items,
    write,
    onEdit: setEditing,
    onArchive: archive.ask,
  };
  return (
    <>
      <PageHeader title={t('people.title')} description={t('people.description')} actions={actions} />
      <Stack gap="md">
        <FilterCard
          list={list}
          words={words}
          more={{
            id: 'people-more-filters',
            toggleLabel:
              activeFilters > 0
                ? t('people.moreFiltersActive', { count: activeFilters })
                : t('people.moreFilters'),
            filters: otherFilters,
          }}
        />

        <RegisterResults
          rowError={archive}
          label={t('people.listLabel')}
          query={people}
          count={items.length}
          narrowed={isNarrowed(list.state)}
          empty={t('people.emptyDirectory')}
          words={words}
        >
          {phone ? <PeopleCards {...listProps} /> : <PeopleTable {...listProps} />}
        </RegisterResults>
      </Stack>

      <EditDrawer
        editing={editing}
        onClose={close}
        addTitle={t('people.addTitle')}
        editTitle={(p) => t('people.editTitle', { name: p.name })}
      >
        {(person) => <PersonForm key={person?.id ?? 'new'} person={person} onDone={close} onCancel={close} />}
      </EditDrawer>

      <ArchiveDialog toggle={archive} texts={rowWords(t, 'people').dialog} />
    </>
  );
}

interface ListProps {
  items: Person[];
  write: boolean;
  onEdit: (p: Person) => void;
  onArchive: (p: Person) => void;
}

function PersonActions({
  person,
  onEdit,
  onArchive,
}: { person: Person } & Omit<ListProps, 'items' | 'write'>) {
  const { t } = useTranslation();
  const words = rowWords(t, 'people');
  return (
    <RowActions
      archived={person.archivedAt !== null}
      edit={{ ...words.edit(person), onClick: () => onEdit(person) }}
      archive={{ ...words.archive(person), onClick: () => onArchive(person) }}
    />
  );
}

/** The name, with its reading (furigana) under it when known. */
function PersonName({
  person,
  ...text
}: {
  person: Person;
  size?: 'sm';
  fw: number;
  c?: 'dimmed' | undefined;
}) {
  return (
    <>
      <Text {...text}>{person.name}</Text>
      {person.nameKana && (
        <Text size="xs" c="dimmed">
          {person.nameKana}
        </Text>
      )}
    </>
  );
}

function StatusBadge({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge
        variant="light"
        color={person.employmentStatus === 'on_leave' ? 'orange' : 'indigo'}
        styles={{ label: { overflow: 'visible' } }}
      >
        {t(`people.status.${person.employmentStatus}`)}
      </Badge>
      {person.archivedAt && <ArchivedBadge label={t('people.archivedBadge')} />}
    </Group>
  );
}

function PeopleTable({ items, write, onEdit, onArchive }: ListProps) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" miw={160}>
              {t('people.fields.name')}
            </Table.Th>
            <Table.Th scope="col">{t('people.fields.employeeNumber')}</Table.Th>
            <Table.Th scope="col">{t('people.affiliation')}</Table.Th>
            <Table.Th scope="col">{t('people.fields.employmentStatus')}</Table.Th>
            <Table.Th scope="col">{t('people.contact')}</Table.Th>
            <Table.Th scope="col">{t('people.fields.homePrefecture')}</Table.Th>
            {write && <ActionsHeader />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} c={p.archivedAt ? 'dimmed' : undefined}>
              <Table.Td>
                <PersonName person={p} size="sm" fw={500} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.employeeNumber}</Table.Td>
              <Table.Td>
                <Text size="sm">{p.siteName}</Text>
                {p.departmentName && (
                  <Text size="xs" c="dimmed">
                    {p.departmentName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StatusBadge person={p} />
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Contact person={p} />
              </Table.Td>
              <Table.Td>{prefectureName(i18n.language, p.homePrefecture)}</Table.Td>
              {write && (
                <Table.Td>
                  <PersonActions person={p} onEdit={onEdit} onArchive={onArchive} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Contact({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} align="flex-start">
      {person.email && (
        <Anchor size="sm" href={`mailto:${person.email}`} className="tap-target">
          {person.email}
        </Anchor>
      )}
      {person.phone && (
        <Anchor size="sm" href={`tel:${person.phone.replace(/[^0-9+]/g, '')}`} className="tap-target">
          {person.phone}
        </Anchor>
      )}
      {person.chatHandle && (
        <Text size="sm">
          {t('people.chatShort')}: {person.chatHandle}
        </Text>
      )}
    </Stack>
  );
}

function PeopleCards({ items, write, onEdit, onArchive }: ListProps) {
  const { t, i18n } = useTranslation();
  return (
    <CardList>
      {items.map((p) => (
        <Card key={p.id} withBorder padding="sm" component="li">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <PersonName person={p} fw={600} c={p.archivedAt ? 'dimmed' : undefined} />
            </div>
            {write && <PersonActions person={p} onEdit={onEdit} onArchive={onArchive} />}
          </Group>
          <Stack gap={4} mt={6}>
            <StatusBadge person={p} />
            {(p.siteName || p.departmentName) && (
              <Text size="sm">{[p.siteName, p.departmentName].filter(Boolean).join(' / ')}</Text>
            )}
            {p.employeeNumber && (
              <Text size="sm" c="dimmed">
                {t('people.fields.employeeNumber')}: {p.employeeNumber}
              </Text>
            )}
            {p.homePrefecture && (
              <Text size="sm" c="dimmed">
                {t('people.fields.homePrefecture')}: {prefectureName(i18n.language, p.homePrefecture)}
              </Text>
            )}
            <div style={{ overflowWrap: 'anywhere' }}>
              <Contact person={p} />
            </div>
          </Stack>
        </Card>
      ))}
    </CardList>
  );
}
