import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Divider,
  Drawer,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import {
  IconArchive,
  IconArchiveOff,
  IconDownload,
  IconPencil,
  IconPlus,
  IconSearch,
  IconUpload,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { Component, Operation, Register, Sort, Supplier, System } from '../../../shared/inventory.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import {
  BIA_KEY,
  exportUrl,
  INVENTORY_KEY,
  type InventoryItem,
  type ListFilters,
  REGISTER_LIST,
  TYPE_OF,
  useBiaSettings,
  useRegisterList,
} from './api.js';
import { Dependencies } from './dependencies.js';
import { fieldLabel, ItemForm } from './item-form.js';
import { Jargon } from './jargon.js';
import { rtoLabel } from './labels.js';

type Editing = { mode: 'create' } | { mode: 'edit'; item: InventoryItem } | null;

interface Column {
  key: string;
  render: (item: InventoryItem) => ReactNode;
}

function columns(t: TFunction, register: Register): Column[] {
  const level = (n: number | null) => (n === null ? '—' : t('inventory.levelOption', { level: n }));
  switch (register) {
    case 'operations':
      return [
        { key: 'importance', render: (i) => level((i as Operation).importance) },
        { key: 'dependencyLevel', render: (i) => level((i as Operation).dependencyLevel) },
        {
          key: 'ownerPersonId',
          render: (i) => (i as Operation).ownerPersonName ?? (i as Operation).ownerText ?? '—',
        },
        {
          key: 'rtoOverride',
          render: (i) => ((i as Operation).rtoOverride ? rtoLabel(t, (i as Operation).rtoOverride) : '—'),
        },
      ];
    case 'systems':
      return [
        {
          key: 'hosting',
          render: (i) =>
            (i as System).hosting ? t(`inventory.options.hosting.${(i as System).hosting}`) : '—',
        },
        { key: 'dependencyLevel', render: (i) => level((i as System).dependencyLevel) },
        {
          key: 'ownerPersonId',
          render: (i) => (i as System).ownerPersonName ?? (i as System).ownerText ?? '—',
        },
        { key: 'eolDate', render: (i) => (i as System).eolDate ?? '—' },
        {
          key: 'declaredRto',
          render: (i) => ((i as System).declaredRto ? rtoLabel(t, (i as System).declaredRto) : '—'),
        },
      ];
    case 'components':
      return [
        { key: 'layer', render: (i) => t(`inventory.options.layer.${(i as Component).layer}`) },
        { key: 'side', render: (i) => t(`inventory.options.side.${(i as Component).side}`) },
        {
          key: 'declaredRto',
          render: (i) => ((i as Component).declaredRto ? rtoLabel(t, (i as Component).declaredRto) : '—'),
        },
      ];
    case 'suppliers':
      return [
        { key: 'kind', render: (i) => t(`inventory.options.supplierKind.${(i as Supplier).kind}`) },
        { key: 'contact', render: (i) => (i as Supplier).contact ?? '—' },
        {
          key: 'declaredRto',
          render: (i) => ((i as Supplier).declaredRto ? rtoLabel(t, (i as Supplier).declaredRto) : '—'),
        },
      ];
  }
}

/** Register-specific filters: query parameter → options (value, translation key). */
function filterDefs(t: TFunction, register: Register, scale: number) {
  const levels = Array.from({ length: scale }, (_, i) => String(scale - i)).map((v) => ({
    value: v,
    label: t('inventory.levelOption', { level: v }),
  }));
  const opt = (key: string, values: readonly (string | number)[]) =>
    values.map((v) => ({ value: String(v), label: t(`inventory.options.${key}.${v}`) }));
  switch (register) {
    case 'operations':
      return [{ param: 'importance', label: fieldLabel(t, register, 'importance'), data: levels }];
    case 'systems':
      return [
        {
          param: 'hosting',
          label: fieldLabel(t, register, 'hosting'),
          data: opt('hosting', ['on_premises', 'cloud', 'hosted', 'saas', 'other']),
        },
        { param: 'dependencyLevel', label: fieldLabel(t, register, 'dependencyLevel'), data: levels },
      ];
    case 'components':
      return [
        { param: 'layer', label: fieldLabel(t, register, 'layer'), data: opt('layer', [1, 2, 3, 4, 5]) },
        { param: 'side', label: fieldLabel(t, register, 'side'), data: opt('side', ['client', 'server']) },
      ];
    case 'suppliers':
      return [
        {
          param: 'kind',
          label: fieldLabel(t, register, 'kind'),
          data: opt('supplierKind', ['vendor', 'cloud', 'isp', 'utility', 'other']),
        },
      ];
  }
}

const SORT_OPTIONS: Sort[] = ['name', '-name', '-updatedAt', 'updatedAt', '-createdAt', 'createdAt'];

/** /inventory/:register — the four registers as tabs; each a searchable list with a drawer form. */
export function InventoryPage() {
  const { register: param } = useParams();
  const register = REGISTER_LIST.find((r) => r === param);
  if (!register) return <Navigate to="/inventory/operations" replace />;
  return <RegisterView key={register} register={register} />;
}

function RegisterView({ register }: { register: Register }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const write = can('inventory.write');
  const client = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });

  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [sort, setSort] = useState<Sort>('name');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [extra, setExtra] = useState<Record<string, string | null>>({});
  const filters: ListFilters = { q: debouncedQ, sort, includeArchived, extra };
  const list = useRegisterList(register, filters);
  const scale = useBiaSettings().data?.scale ?? 5;
  const [editing, setEditing] = useState<Editing>(null);
  const [archiving, setArchiving] = useState<InventoryItem | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const archive = useMutation({
    mutationFn: (item: InventoryItem) =>
      api.post<InventoryItem>(
        `/inventory/${register}/${encodeURIComponent(item.id)}/${item.archivedAt ? 'unarchive' : 'archive'}`,
        {},
        { ifMatch: item.version },
      ),
    onSuccess: async (saved) => {
      setArchiving(null);
      setRowError(null);
      notify(
        saved.archivedAt
          ? t('inventory.archivedDone', { name: saved.name })
          : t('inventory.unarchivedDone', { name: saved.name }),
      );
      await client.invalidateQueries({ queryKey: INVENTORY_KEY });
      await client.invalidateQueries({ queryKey: BIA_KEY });
    },
    onError: (err) => {
      setArchiving(null);
      setRowError(errorMessage(t, err));
    },
  });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const cols = columns(t, register);
  const filtered = debouncedQ.trim() !== '' || Object.values(extra).some(Boolean);

  const actions = (
    <Group gap="xs">
      {write && (
        <Button
          leftSection={<IconPlus size={16} aria-hidden="true" />}
          onClick={() => setEditing({ mode: 'create' })}
        >
          {t(`inventory.add.${register}`)}
        </Button>
      )}
      {write && (
        <Button
          variant="default"
          component={Link}
          to={`/inventory/${register}/import`}
          leftSection={<IconUpload size={16} aria-hidden="true" />}
        >
          {t('inventory.import')}
        </Button>
      )}
      <Button
        variant="default"
        component="a"
        href={exportUrl(register, i18n.language, includeArchived)}
        download
        leftSection={<IconDownload size={16} aria-hidden="true" />}
      >
        {t('inventory.export')}
      </Button>
    </Group>
  );

  const rowActions = (item: InventoryItem) => (
    <Group gap={4} wrap="nowrap">
      {!item.archivedAt && (
        <Tooltip label={write ? t('inventory.edit') : t('inventory.view')}>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t(write ? 'inventory.editLabel' : 'inventory.viewLabel', { name: item.name })}
            onClick={() => setEditing({ mode: 'edit', item })}
          >
            <IconPencil size={18} aria-hidden="true" />
          </ActionIcon>
        </Tooltip>
      )}
      {write && (
        <Tooltip label={item.archivedAt ? t('inventory.unarchive') : t('inventory.archive')}>
          <ActionIcon
            variant="subtle"
            size="lg"
            color={item.archivedAt ? 'indigo' : 'red'}
            aria-label={t(item.archivedAt ? 'inventory.unarchiveLabel' : 'inventory.archiveLabel', {
              name: item.name,
            })}
            onClick={() => setArchiving(item)}
          >
            {item.archivedAt ? (
              <IconArchiveOff size={18} aria-hidden="true" />
            ) : (
              <IconArchive size={18} aria-hidden="true" />
            )}
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );

  const nameCell = (item: InventoryItem) => (
    <div style={{ minWidth: 0 }}>
      <Group gap={6}>
        <Text size="sm" fw={600} c={item.archivedAt ? 'dimmed' : undefined}>
          {item.name}
        </Text>
        {item.archivedAt && (
          <Badge variant="light" color="gray" size="sm">
            {t('inventory.archivedBadge')}
          </Badge>
        )}
      </Group>
      {item.description && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {item.description}
        </Text>
      )}
    </div>
  );

  return (
    <>
      <PageHeader title={t('inventory.title')} description={t('inventory.description')} actions={actions} />
      <Tabs value={register} onChange={(v) => v && navigate(`/inventory/${v}`)} keepMounted={false} mb="md">
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {REGISTER_LIST.map((r) => (
            <Tabs.Tab key={r} value={r}>
              {t(`inventory.registers.${r}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Text size="sm" c="dimmed" mb="sm">
        {register === 'components' ? (
          <>
            {t('inventory.registerHints.componentsBefore')}{' '}
            <Jargon explain={t('inventory.layersExplain')}>{t('inventory.layersTerm')}</Jargon>
            {t('inventory.registerHints.componentsAfter')}
          </>
        ) : (
          t(`inventory.registerHints.${register}`)
        )}
      </Text>
      <Stack gap="md">
        <Card withBorder padding="md" component="section" aria-label={t('inventory.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <TextInput
              label={t('inventory.search')}
              placeholder={t('inventory.searchPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden="true" />}
              value={q}
              maxLength={100}
              type="search"
              onChange={(e) => setQ(e.currentTarget.value)}
            />
            {filterDefs(t, register, scale).map((f) => (
              <Select
                key={f.param}
                label={f.label}
                placeholder={t('inventory.all')}
                data={f.data}
                value={extra[f.param] ?? null}
                onChange={(v) => setExtra((e) => ({ ...e, [f.param]: v }))}
                clearable
              />
            ))}
            <Select
              label={t('inventory.sort')}
              data={SORT_OPTIONS.map((s) => ({ value: s, label: t(`inventory.sorts.${s}`) }))}
              value={sort}
              onChange={(v) => v && setSort(v as Sort)}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Checkbox
            mt="sm"
            label={t('inventory.showArchived')}
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

        <section aria-label={t(`inventory.registers.${register}`)} aria-busy={list.isFetching}>
          {list.isPending ? (
            <PageLoader />
          ) : list.isError ? (
            <LoadError error={list.error} onRetry={() => void list.refetch()} />
          ) : items.length === 0 ? (
            <Text c="dimmed">{filtered ? t('inventory.noMatch') : t(`inventory.empty.${register}`)}</Text>
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="xs" role="status">
                {list.hasNextPage
                  ? t('inventory.shownMore', { count: items.length })
                  : t('inventory.shown', { count: items.length })}
              </Text>
              {phone ? (
                <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {items.map((item) => (
                    <Card key={item.id} withBorder padding="sm" component="li">
                      <Group justify="space-between" align="flex-start" wrap="nowrap">
                        {nameCell(item)}
                        {rowActions(item)}
                      </Group>
                      <Stack gap={2} mt={6}>
                        {cols.map((c) => (
                          <Text key={c.key} size="sm">
                            <Text span c="dimmed" size="sm">
                              {fieldLabel(t, register, c.key)}:
                            </Text>{' '}
                            {c.render(item)}
                          </Text>
                        ))}
                      </Stack>
                    </Card>
                  ))}
                </Stack>
              ) : (
                <Table.ScrollContainer minWidth={760}>
                  <Table striped highlightOnHover verticalSpacing="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col" miw={180}>
                          {fieldLabel(t, register, 'name')}
                        </Table.Th>
                        {cols.map((c) => (
                          <Table.Th key={c.key} scope="col">
                            {fieldLabel(t, register, c.key)}
                          </Table.Th>
                        ))}
                        <Table.Th scope="col">
                          <span className="sr-only">{t('common.actions')}</span>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((item) => (
                        <Table.Tr key={item.id}>
                          <Table.Td>{nameCell(item)}</Table.Td>
                          {cols.map((c) => (
                            <Table.Td key={c.key}>{c.render(item)}</Table.Td>
                          ))}
                          <Table.Td>{rowActions(item)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </>
          )}
          {list.hasNextPage && (
            <Button
              variant="default"
              mt="sm"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
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
            ? t('inventory.editTitle', { name: editing.item.name })
            : t(`inventory.add.${register}`)
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing && (
          <Stack>
            <ItemForm
              key={editing.mode === 'edit' ? editing.item.id : 'new'}
              register={register}
              item={editing.mode === 'edit' ? editing.item : null}
              onDone={(saved) => setEditing(editing.mode === 'create' ? { mode: 'edit', item: saved } : null)}
              onCancel={() => setEditing(null)}
            />
            {editing.mode === 'edit' && (
              <>
                <Divider />
                <Dependencies nodeId={editing.item.id} nodeType={TYPE_OF[register]} write={write} />
              </>
            )}
          </Stack>
        )}
      </Drawer>

      <Modal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={archiving?.archivedAt ? t('inventory.unarchiveTitle') : t('inventory.archiveTitle')}
        centered
      >
        <Text mb="md">
          {archiving?.archivedAt
            ? t('inventory.unarchiveConfirm', { name: archiving.name })
            : t('inventory.archiveConfirm', { name: archiving?.name ?? '' })}
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
            {archiving?.archivedAt ? t('inventory.unarchive') : t('inventory.archive')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
