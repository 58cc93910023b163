import { Badge, Button, Divider, Group, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { IT_LAYERS, SIDES } from '../../../domain/dependency-graph.js';
import { eolStatus } from '../../../domain/eol.js';
import {
  HOSTINGS,
  REGISTER_NODE_KIND,
  REGISTERS,
  type Register,
  SUPPLIER_KINDS,
} from '../../../domain/inventory.js';
import {
  type Component,
  type Operation,
  type RtoValue,
  type Sort,
  SortSchema,
  type Supplier,
  type System,
} from '../../../shared/inventory.js';
import { ArchiveDialog, ArchivedBadge, RowActions, useArchiveToggle } from '../../app/archive-actions.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { localDateAfter } from '../../app/dates.js';
import { formatDate } from '../../app/errors.js';
import { listWords, rowWords } from '../../app/feature-words.js';
import { GlossaryTerm, GlossaryTerms } from '../../app/glossary-term.js';
import { FilterCard, FilterSelect, useListState } from '../../app/list-filters.js';
import { isNarrowed, pageItems } from '../../app/list-query.js';
import { PageHeader } from '../../app/page-state.js';
import { EditDrawer, RegisterResults } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import { useBiaSettings } from '../bia/api.js';
import { BIA_KEY, INVENTORY_KEY } from '../graph/api.js';
import { rtoLabel } from '../graph/labels.js';
import { exportUrl, type InventoryItem, useRegisterList } from './api.js';
import { Dependencies } from './dependencies.js';
import { ItemForm } from './item-form.js';
import { fieldLabel, levelOptions } from './labels.js';

interface Column {
  key: string;
  render: (item: InventoryItem) => ReactNode;
}

// A register's rows are parsed by that register's schema, so each row has its register's own
// fields; the guards let each column read them without asserting the type.
const isOperation = (i: InventoryItem): i is Operation => 'importance' in i;
const isSystem = (i: InventoryItem): i is System => 'hosting' in i;
const isComponent = (i: InventoryItem): i is Component => 'layer' in i;
const isSupplier = (i: InventoryItem): i is Supplier => 'kind' in i;

/** The columns of one register, each rendering '—' for a row of another register. */
function columnsOf<T extends InventoryItem>(
  is: (item: InventoryItem) => item is T,
  cols: { key: string; render: (item: T) => ReactNode }[],
): Column[] {
  return cols.map((c) => ({ key: c.key, render: (item) => (is(item) ? c.render(item) : '—') }));
}

function columns(t: TFunction, register: Register): Column[] {
  const level = (n: number | null) => (n === null ? '—' : t('inventory.levelOption', { level: n }));
  const rto = (value: RtoValue | null) => (value ? rtoLabel(t, value) : '—');
  switch (register) {
    case 'operations':
      return columnsOf(isOperation, [
        { key: 'importance', render: (i) => level(i.importance) },
        { key: 'dependencyLevel', render: (i) => level(i.dependencyLevel) },
        { key: 'ownerPersonId', render: (i) => i.ownerPersonName ?? i.ownerText ?? '—' },
        { key: 'rtoOverride', render: (i) => rto(i.rtoOverride) },
      ]);
    case 'systems':
      return columnsOf(isSystem, [
        { key: 'hosting', render: (i) => (i.hosting ? t(`inventory.options.hosting.${i.hosting}`) : '—') },
        { key: 'dependencyLevel', render: (i) => level(i.dependencyLevel) },
        { key: 'ownerPersonId', render: (i) => i.ownerPersonName ?? i.ownerText ?? '—' },
        { key: 'eolDate', render: (i) => <EolDate t={t} date={i.eolDate} /> },
        { key: 'declaredRto', render: (i) => rto(i.declaredRto) },
      ]);
    case 'components':
      return columnsOf(isComponent, [
        { key: 'layer', render: (i) => t(`inventory.options.layer.${i.layer}`) },
        { key: 'side', render: (i) => t(`inventory.options.side.${i.side}`) },
        { key: 'declaredRto', render: (i) => rto(i.declaredRto) },
      ]);
    case 'suppliers':
      return columnsOf(isSupplier, [
        { key: 'kind', render: (i) => t(`inventory.options.supplierKind.${i.kind}`) },
        { key: 'contact', render: (i) => i.contact ?? '—' },
        { key: 'declaredRto', render: (i) => rto(i.declaredRto) },
      ]);
  }
}

/** Register-specific filters: query parameter → options (value, translated label). */
function filterDefs(t: TFunction, register: Register, scale: number) {
  const levels = levelOptions(t, scale);
  const filter = (param: string, data: { value: string; label: string }[]) => ({
    param,
    label: fieldLabel(t, register, param),
    data,
  });
  const opt = (key: string, values: readonly (string | number)[]) =>
    values.map((v) => ({ value: String(v), label: t(`inventory.options.${key}.${v}`) }));
  switch (register) {
    case 'operations':
      return [filter('importance', levels)];
    case 'systems':
      return [filter('hosting', opt('hosting', HOSTINGS)), filter('dependencyLevel', levels)];
    case 'components':
      return [filter('layer', opt('layer', IT_LAYERS)), filter('side', opt('side', SIDES))];
    case 'suppliers':
      return [filter('kind', opt('supplierKind', SUPPLIER_KINDS))];
  }
}

const SORT_OPTIONS: Sort[] = ['name', '-name', '-updatedAt', 'updatedAt', '-createdAt', 'createdAt'];

/** /inventory/:register — the four registers as tabs; each a searchable list with a drawer form. */
export function InventoryPage() {
  const { register: param } = useParams();
  const register = REGISTERS.find((r) => r === param);
  if (!register) return <Navigate to="/inventory/operations" replace />;
  return <RegisterView key={register} register={register} />;
}

function RegisterView({ register }: { register: Register }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const write = can('inventory.write');

  const list = useListState('name');
  const rows = useRegisterList(register, list.state);
  const scale = useBiaSettings().data?.scale ?? 5;
  const [editing, setEditing] = useState<InventoryItem | 'new' | null>(null);
  const close = () => setEditing(null);
  const archive = useArchiveToggle<InventoryItem>({
    path: `/inventory/${register}`,
    sendVersion: true,
    doneMessage: (saved) =>
      saved.archivedAt
        ? t('inventory.archivedDone', { name: saved.name })
        : t('inventory.unarchivedDone', { name: saved.name }),
    invalidate: [INVENTORY_KEY, BIA_KEY],
  });

  const words = rowWords(t, 'inventory');
  const listText = listWords(t, 'inventory');
  const items = pageItems(rows.data);
  const cols = columns(t, register);

  const actions = (
    <Group gap="xs">
      {write && (
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
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
        href={exportUrl(register, i18n.language, list.includeArchived)}
        download
        leftSection={<IconDownload size={16} aria-hidden="true" />}
      >
        {t('inventory.export')}
      </Button>
    </Group>
  );

  const rowActions = (item: InventoryItem) => (
    <RowActions
      archived={item.archivedAt !== null}
      edit={{
        ...(write
          ? words.edit(item)
          : { tooltip: t('inventory.view'), label: t('inventory.viewLabel', { name: item.name }) }),
        onClick: () => setEditing(item),
      }}
      archive={write ? { ...words.archive(item), onClick: () => archive.ask(item) } : undefined}
    />
  );

  const nameCell = (item: InventoryItem) => (
    <div style={{ minWidth: 0 }}>
      <Group gap={6}>
        <Text size="sm" fw={600} c={item.archivedAt ? 'dimmed' : undefined}>
          {item.name}
        </Text>
        {item.archivedAt && <ArchivedBadge label={t('inventory.archivedBadge')} size="sm" />}
      </Group>
      {item.description && (
        <Text size="xs" c="dimmed" fw={400} lineClamp={2} style={{ wordBreak: 'normal' }}>
          {item.description}
        </Text>
      )}
    </div>
  );

  return (
    <>
      <PageHeader title={t('inventory.title')} description={t('inventory.description')} actions={actions} />
      <GlossaryTerms ids={['component', 'layer', 'supplier', 'eol', 'expected-recovery', 'sla']} />
      <Tabs value={register} onChange={(v) => v && navigate(`/inventory/${v}`)} keepMounted={false} mb="md">
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {REGISTERS.map((r) => (
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
            <GlossaryTerm id="layer">{t('inventory.layersTerm')}</GlossaryTerm>
            {t('inventory.registerHints.componentsAfter')}
          </>
        ) : (
          t(`inventory.registerHints.${register}`)
        )}
      </Text>
      <Stack gap="md">
        <FilterCard list={list} words={listText}>
          {filterDefs(t, register, scale).map((f) => (
            <FilterSelect
              key={f.param}
              list={list}
              param={f.param}
              label={f.label}
              placeholder={t('inventory.all')}
              data={f.data}
            />
          ))}
          <Select
            label={t('inventory.sort')}
            data={SORT_OPTIONS.map((s) => ({ value: s, label: t(`inventory.sorts.${s}`) }))}
            value={list.sort ?? 'name'}
            onChange={(v) => {
              const sort = SortSchema.safeParse(v);
              if (sort.success) list.setSort(sort.data);
            }}
            allowDeselect={false}
          />
        </FilterCard>

        <RegisterResults
          rowError={archive}
          label={t(`inventory.registers.${register}`)}
          query={rows}
          count={items.length}
          narrowed={isNarrowed(list.state)}
          empty={t(`inventory.empty.${register}`)}
          words={listText}
        >
          <ResponsiveTable
            label={t(`inventory.registers.${register}`)}
            minWidth={760}
            look={{ highlightOnHover: true, verticalSpacing: 'sm' }}
            rows={items}
            rowKey={(item) => item.id}
            columns={[
              { header: fieldLabel(t, register, 'name'), minWidth: 180, cell: nameCell },
              ...cols.map((c) => ({ header: fieldLabel(t, register, c.key), cell: c.render })),
            ]}
            actions={rowActions}
          />
        </RegisterResults>
      </Stack>

      <EditDrawer
        editing={editing}
        onClose={close}
        addTitle={t(`inventory.add.${register}`)}
        editTitle={(item) => t('inventory.editTitle', { name: item.name })}
      >
        {(item) => (
          <Stack>
            <ItemForm
              key={item?.id ?? 'new'}
              register={register}
              item={item}
              // A new item stays open as an edit, so its dependencies can be set next.
              onDone={(saved) => setEditing(item ? null : saved)}
              onCancel={close}
            />
            {item && (
              <>
                <Divider />
                <Dependencies nodeId={item.id} nodeType={REGISTER_NODE_KIND[register]} write={write} />
              </>
            )}
          </Stack>
        )}
      </EditDrawer>

      <ArchiveDialog toggle={archive} texts={words.dialog} />
    </>
  );
}

/** The end-of-life date, with a word (not only a colour) when support has ended or ends soon. */
function EolDate({ t, date }: { t: TFunction; date: string | null }) {
  if (!date) return <>—</>;
  const status = eolStatus(date, localDateAfter(0));
  return (
    <Stack gap={2} align="flex-start">
      <span>{formatDate(date)}</span>
      {status && (
        // Never cut short ("サポ…" says nothing): the column grows to the whole word.
        <Badge
          color={status === 'ended' ? 'red' : 'yellow'}
          variant="light"
          size="sm"
          styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
        >
          {t(`inventory.eol.${status}`)}
        </Badge>
      )}
    </Stack>
  );
}
