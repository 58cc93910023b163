import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Collapse,
  Drawer,
  Group,
  Menu,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconArchiveOff,
  IconChevronDown,
  IconDownload,
  IconFilter,
  IconPencil,
  IconPlus,
  IconSearch,
  IconUpload,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EmploymentStatus, Person } from '../../../shared/people.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { useDepartments, useSites } from '../structure/api.js';
import { exportUrl, PEOPLE_KEY, type PeopleFilters, usePeople } from './api.js';
import { employmentStatusOptions, prefectureName } from './labels.js';
import { PersonForm } from './person-form.js';

type Editing = { mode: 'create' } | { mode: 'edit'; person: Person } | null;

/** The people directory: search, filters, the list, and (with people.write) add, edit, archive. */
export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const write = can('people.write');
  const client = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });

  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [employmentStatus, setEmploymentStatus] = useState<EmploymentStatus | null>(null);
  const [includeArchived, setIncludeArchived] = useState(false);
  const filters: PeopleFilters = { q: debouncedQ, siteId, departmentId, employmentStatus, includeArchived };
  const people = usePeople(filters);
  const sites = useSites();
  const departments = useDepartments();

  const [filtersOpen, setFiltersOpen] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [archiving, setArchiving] = useState<Person | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const archive = useMutation({
    mutationFn: (p: Person) =>
      api.post<Person>(`/people/${encodeURIComponent(p.id)}/${p.archivedAt ? 'unarchive' : 'archive'}`),
    onSuccess: async (saved) => {
      setArchiving(null);
      setRowError(null);
      notifications.show({
        color: 'teal',
        message: saved.archivedAt
          ? t('people.archived', { name: saved.name })
          : t('people.unarchived', { name: saved.name }),
      });
      await client.invalidateQueries({ queryKey: PEOPLE_KEY });
    },
    onError: (err) => {
      setArchiving(null);
      setRowError(errorMessage(t, err));
    },
  });

  const items = people.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = debouncedQ.trim() !== '' || siteId || departmentId || employmentStatus;

  const searchInput = (
    <TextInput
      label={t('people.search')}
      placeholder={t('people.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden="true" />}
      value={q}
      maxLength={100}
      type="search"
      onChange={(e) => setQ(e.currentTarget.value)}
    />
  );
  const otherFilters = (
    <>
      <Select
        label={t('people.fields.siteId')}
        placeholder={t('people.all')}
        data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={siteId}
        onChange={setSiteId}
        clearable
        searchable
        nothingFoundMessage={t('people.nothingFound')}
      />
      <Select
        label={t('people.fields.departmentId')}
        placeholder={t('people.all')}
        data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        value={departmentId}
        onChange={setDepartmentId}
        clearable
        searchable
        nothingFoundMessage={t('people.nothingFound')}
      />
      <Select
        label={t('people.fields.employmentStatus')}
        placeholder={t('people.all')}
        data={employmentStatusOptions(t)}
        value={employmentStatus}
        onChange={(v) => setEmploymentStatus(v as EmploymentStatus | null)}
        clearable
      />
    </>
  );
  const activeFilters = [siteId, departmentId, employmentStatus].filter(Boolean).length;

  const actions = (
    <Group gap="xs">
      {write && (
        <Button
          leftSection={<IconPlus size={16} aria-hidden="true" />}
          onClick={() => setEditing({ mode: 'create' })}
        >
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
          <Menu.Item component="a" href={exportUrl('xlsx', i18n.language, includeArchived)} download>
            {t('people.exportXlsx')}
          </Menu.Item>
          <Menu.Item component="a" href={exportUrl('csv', i18n.language, includeArchived)} download>
            {t('people.exportCsv')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );

  return (
    <>
      <PageHeader title={t('people.title')} description={t('people.description')} actions={actions} />
      <Stack gap="md">
        <Card withBorder padding="md" component="section" aria-label={t('people.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {searchInput}
            {!phone && otherFilters}
          </SimpleGrid>
          {phone && (
            <>
              <Button
                variant="subtle"
                size="compact-sm"
                mt="xs"
                px={0}
                onClick={() => setFiltersOpen((o) => !o)}
                aria-expanded={filtersOpen}
                aria-controls="people-more-filters"
                leftSection={<IconFilter size={16} aria-hidden="true" />}
              >
                {activeFilters > 0
                  ? t('people.moreFiltersActive', { count: activeFilters })
                  : t('people.moreFilters')}
              </Button>
              <Collapse expanded={filtersOpen} id="people-more-filters">
                <Stack gap="sm" mt="xs">
                  {otherFilters}
                </Stack>
              </Collapse>
            </>
          )}
          <Checkbox
            mt="sm"
            label={t('people.showArchived')}
            checked={includeArchived}
            onChange={(e) => setIncludeArchived(e.currentTarget.checked)}
          />
        </Card>

        {rowError && (
          <Alert
            color="red"
            role="alert"
            withCloseButton
            onClose={() => setRowError(null)}
            closeButtonLabel={t('common.close')}
          >
            {rowError}
          </Alert>
        )}

        <section aria-label={t('people.listLabel')} aria-busy={people.isFetching}>
          {people.isPending ? (
            <PageLoader />
          ) : people.isError ? (
            <LoadError error={people.error} onRetry={() => void people.refetch()} />
          ) : items.length === 0 ? (
            <Text c="dimmed">{filtered ? t('people.noMatch') : t('people.emptyDirectory')}</Text>
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="xs" role="status">
                {people.hasNextPage
                  ? t('people.shownMore', { count: items.length })
                  : t('people.shown', { count: items.length })}
              </Text>
              {phone ? (
                <PeopleCards
                  items={items}
                  write={write}
                  onEdit={(p) => setEditing({ mode: 'edit', person: p })}
                  onArchive={setArchiving}
                />
              ) : (
                <PeopleTable
                  items={items}
                  write={write}
                  onEdit={(p) => setEditing({ mode: 'edit', person: p })}
                  onArchive={setArchiving}
                />
              )}
            </>
          )}
          {people.hasNextPage && (
            <Button
              variant="default"
              mt="sm"
              onClick={() => void people.fetchNextPage()}
              loading={people.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          )}
        </section>
      </Stack>

      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        position="right"
        size="lg"
        title={
          editing?.mode === 'edit'
            ? t('people.editTitle', { name: editing.person.name })
            : t('people.addTitle')
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing && (
          <PersonForm
            key={editing.mode === 'edit' ? editing.person.id : 'new'}
            person={editing.mode === 'edit' ? editing.person : null}
            onDone={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Drawer>

      <Modal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={archiving?.archivedAt ? t('people.unarchiveTitle') : t('people.archiveTitle')}
        centered
      >
        <Text mb="md">
          {archiving?.archivedAt
            ? t('people.unarchiveConfirm', { name: archiving.name })
            : t('people.archiveConfirm', { name: archiving?.name ?? '' })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setArchiving(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            color={archiving?.archivedAt ? undefined : 'red'}
            loading={archive.isPending}
            onClick={() => archiving && archive.mutate(archiving)}
          >
            {archiving?.archivedAt ? t('people.unarchive') : t('people.archive')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

interface ListProps {
  items: Person[];
  write: boolean;
  onEdit: (p: Person) => void;
  onArchive: (p: Person) => void;
}

function RowActions({ person, onEdit, onArchive }: { person: Person } & Omit<ListProps, 'items' | 'write'>) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      {!person.archivedAt && (
        <Tooltip label={t('people.edit')}>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('people.editLabel', { name: person.name })}
            onClick={() => onEdit(person)}
          >
            <IconPencil size={18} aria-hidden="true" />
          </ActionIcon>
        </Tooltip>
      )}
      <Tooltip label={person.archivedAt ? t('people.unarchive') : t('people.archive')}>
        <ActionIcon
          variant="subtle"
          size="lg"
          color={person.archivedAt ? 'indigo' : 'red'}
          aria-label={
            person.archivedAt
              ? t('people.unarchiveLabel', { name: person.name })
              : t('people.archiveLabel', { name: person.name })
          }
          onClick={() => onArchive(person)}
        >
          {person.archivedAt ? (
            <IconArchiveOff size={18} aria-hidden="true" />
          ) : (
            <IconArchive size={18} aria-hidden="true" />
          )}
        </ActionIcon>
      </Tooltip>
    </Group>
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
      {person.archivedAt && (
        <Badge variant="light" color="gray">
          {t('people.archivedBadge')}
        </Badge>
      )}
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
            {write && (
              <Table.Th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} c={p.archivedAt ? 'dimmed' : undefined}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {p.name}
                </Text>
                {p.nameKana && (
                  <Text size="xs" c="dimmed">
                    {p.nameKana}
                  </Text>
                )}
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
                  <RowActions person={p} onEdit={onEdit} onArchive={onArchive} />
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
    <Stack gap={0}>
      {person.email && (
        <Anchor size="sm" href={`mailto:${person.email}`}>
          {person.email}
        </Anchor>
      )}
      {person.phone && (
        <Anchor size="sm" href={`tel:${person.phone.replace(/[^0-9+]/g, '')}`}>
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
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((p) => (
        <Card key={p.id} withBorder padding="sm" component="li">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Text fw={600} c={p.archivedAt ? 'dimmed' : undefined}>
                {p.name}
              </Text>
              {p.nameKana && (
                <Text size="xs" c="dimmed">
                  {p.nameKana}
                </Text>
              )}
            </div>
            {write && <RowActions person={p} onEdit={onEdit} onArchive={onArchive} />}
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
    </Stack>
  );
}
