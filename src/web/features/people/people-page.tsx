import { Anchor, Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Person } from '../../../shared/people.js';
import { ArchiveDialog, ArchivedBadge, RowActions, useArchiveToggle } from '../../app/archive-actions.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { listWords, rowWords } from '../../app/feature-words.js';
import { FilterCard, FilterSelect, useListState } from '../../app/list-filters.js';
import { activeFilterCount, isNarrowed, pageItems } from '../../app/list-query.js';
import { optionsOf } from '../../app/options.js';
import { PageHeader } from '../../app/page-state.js';
import { prefectureName } from '../../app/prefectures.js';
import { EditDrawer, RegisterResults } from '../../app/register-list.js';
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
          <PeopleList {...listProps} />
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
function PersonName({ person }: { person: Person }) {
  return (
    <>
      <Text size="sm" fw="inherit">
        {person.name}
      </Text>
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

function PeopleList({ items, write, onEdit, onArchive }: ListProps) {
  const { t, i18n } = useTranslation();
  return (
    <ResponsiveTable
      label={t('people.listLabel')}
      minWidth={820}
      look={{ highlightOnHover: true, verticalSpacing: 'sm' }}
      rows={items}
      rowKey={(p) => p.id}
      rowProps={(p) => (p.archivedAt ? { c: 'dimmed' } : undefined)}
      columns={[
        { header: t('people.fields.name'), minWidth: 160, cell: (p) => <PersonName person={p} /> },
        { header: t('people.fields.employeeNumber'), nowrap: true, cell: (p) => p.employeeNumber },
        {
          header: t('people.affiliation'),
          cell: (p) => (p.siteName || p.departmentName ? <Affiliation person={p} /> : null),
        },
        { header: t('people.fields.employmentStatus'), cell: (p) => <StatusBadge person={p} /> },
        {
          header: t('people.contact'),
          cell: (p) => (p.email || p.phone || p.chatHandle ? <Contact person={p} /> : null),
        },
        {
          header: t('people.fields.homePrefecture'),
          cell: (p) => prefectureName(i18n.language, p.homePrefecture),
        },
      ]}
      actions={write ? (p) => <PersonActions person={p} onEdit={onEdit} onArchive={onArchive} /> : undefined}
    />
  );
}

/** The site, with the department under it. */
function Affiliation({ person }: { person: Person }) {
  return (
    <>
      <Text size="sm">{person.siteName}</Text>
      {person.departmentName && (
        <Text size="xs" c="dimmed">
          {person.departmentName}
        </Text>
      )}
    </>
  );
}

function Contact({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} align="flex-start" style={{ overflowWrap: 'anywhere' }}>
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
